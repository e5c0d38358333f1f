import { utils } from 'ssh2';
import { generateEd25519KeyPair } from '../../../serve/sftp-config';

describe('generateEd25519KeyPair', () => {
  // ssh2's own generator gives an unreadable pair about once in 256 draws; 1,500 draws would meet one with
  // probability ≈ 0.997, so a helper that did not draw again would fail here.
  it('only returns pairs that ssh2 reads back, private and public', () => {
    for (let i = 0; i < 1500; i++) {
      const pair = generateEd25519KeyPair('bwmo-test');
      const priv = utils.parseKey(pair.private);
      const pub = utils.parseKey(pair.public);
      if (priv instanceof Error || pub instanceof Error) throw priv instanceof Error ? priv : pub;
      expect(priv.type).toBe('ssh-ed25519');
      expect(pub.getPublicSSH().equals(priv.getPublicSSH())).toBe(true);
    }
  });
});
