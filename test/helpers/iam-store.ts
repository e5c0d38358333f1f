/**
 * An ItemStore wrapper that enforces the DynamoDB part of an IAM role's policy taken from the synthesised template,
 * the way DynamoDB would. Each call is mapped to the API that stores/dynamo.ts sends for it, and so to the IAM
 * action DynamoDB checks on the table's ARN:
 *
 *   get     BatchGetItem   (nothing is sent for no keys)       dynamodb:BatchGetItem
 *   put     BatchWriteItem (PutRequests only; nothing for [])  dynamodb:BatchWriteItem
 *   putOne  PutItem                                            dynamodb:PutItem
 *   mark    UpdateItem with a ConditionExpression              dynamodb:UpdateItem
 *   query   Query on the table (no index: the port has none)   dynamodb:Query
 *
 * ConsistentRead, conditions and BatchWriteItem's PutRequests need no other action. A call that is not allowed fails
 * like DynamoDB fails: AccessDeniedException (HTTP 400) with DynamoDB's message; nothing reaches the inner store.
 */
import type { Item, ItemKey, ItemStore } from '../../pipeline/ports';
import type { RolePolicy } from './iam-policy';

/** DynamoDB's answer to a request the caller's policy does not allow (as the SDK v3 throws it). */
export class AccessDeniedException extends Error {
  readonly $fault = 'client';
  readonly $metadata = { httpStatusCode: 400 };
  constructor(message: string) {
    super(message);
    this.name = 'AccessDeniedException';
  }
}

/** The ARN of a table's index (a Query or Scan with IndexName is authorised on this, not on the table). */
export const indexArn = (tableArn: string, index: string): string => `${tableArn}/index/${index}`;

export function iamEnforcingItems(inner: ItemStore, policy: RolePolicy, tableArn: string): ItemStore {
  const need = (call: string, api: string, resource = tableArn) => {
    const action = `dynamodb:${api}`;
    if (!policy.check(call, action, resource))
      throw new AccessDeniedException(
        `User: arn:aws:sts::<account>:assumed-role/${policy.role}/<function> is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`,
      );
  };
  const describe = (k: ItemKey) => `${k.pk} ${k.sk}`;
  return {
    get stats() {
      return inner.stats;
    },
    get: async (keys: readonly ItemKey[]): Promise<Item[]> => {
      if (keys.length > 0) need(`get ${keys.length} key(s), first ${describe(keys[0])}`, 'BatchGetItem');
      return inner.get(keys);
    },
    put: async (items: readonly Item[]): Promise<void> => {
      if (items.length > 0)
        need(`put ${items.length} item(s), first ${describe(items[0])}`, 'BatchWriteItem');
      return inner.put(items);
    },
    putOne: async (item: Item): Promise<void> => {
      need(`putOne ${describe(item)}`, 'PutItem');
      return inner.putOne(item);
    },
    mark: async (key: ItemKey, attributes: Readonly<Record<string, unknown>>): Promise<boolean> => {
      need(`mark ${describe(key)} ${Object.keys(attributes).join(',')}`, 'UpdateItem');
      return inner.mark(key, attributes);
    },
    query: (pk: string, skPrefix?: string): AsyncIterable<Item[]> => ({
      async *[Symbol.asyncIterator]() {
        // Checked when the first page is asked for, as the Query is sent then.
        need(`query ${pk}${skPrefix ? ` ${skPrefix}*` : ''}`, 'Query');
        yield* inner.query(pk, skPrefix);
      },
    }),
  };
}
