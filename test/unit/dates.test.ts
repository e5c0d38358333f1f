import { monthsBetween, nextMonth } from '../../pipeline/dates';

describe('months', () => {
  it.each([
    ['2022-01', '2022-02'],
    ['2022-12', '2023-01'],
    // Years below 1000 keep four digits: the month list compares them as text.
    ['0999-12', '1000-01'],
    ['0009-05', '0009-06'],
  ])('the month after %s is %s', (month, next) => {
    expect(nextMonth(month)).toBe(next);
  });

  it('counts the months across a millennium', () => {
    expect(monthsBetween('0999-11', '1000-02')).toEqual(['0999-11', '0999-12', '1000-01', '1000-02']);
  });
});
