/**
 * The HTTP API (finance, monitor): the router of pipeline/api behind API Gateway (HTTP API). People come in under
 * /api/ with a Cognito JWT (their groups decide what they see); machine clients come in under /machine/ with IAM
 * auth and count as finance.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { apiRouter } from '../pipeline/api/router';
import { awsDeps } from './aws';

interface Authorizer {
  readonly jwt?: { readonly claims?: Record<string, unknown> };
  readonly iam?: { readonly userArn?: string };
}

/** Cognito puts groups in the token as "[a b]" or a list, depending on the token's path through API Gateway. */
export function groupsOf(event: APIGatewayProxyEventV2): { path: string; groups: string[] } {
  const authorizer = (event.requestContext as { authorizer?: Authorizer }).authorizer;
  if (event.rawPath.startsWith('/machine/'))
    return {
      path: event.rawPath.replace(/^\/machine\//, '/api/'),
      groups: authorizer?.iam ? ['financien'] : [],
    };
  const claim = authorizer?.jwt?.claims?.['cognito:groups'];
  const groups = (
    Array.isArray(claim)
      ? claim.map(String)
      : String(claim ?? '')
          .replace(/^\[|\]$/g, '')
          .split(/[ ,]+/)
  ).filter(Boolean);
  return { path: event.rawPath, groups };
}

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
  const deps = await awsDeps();
  const { path, groups } = groupsOf(event);
  const response = await apiRouter(deps).handle({
    method: event.requestContext.http.method,
    path,
    query: new URLSearchParams(event.rawQueryString ?? ''),
    groups,
  });
  return {
    statusCode: response.status,
    headers: response.headers,
    body: response.body,
    isBase64Encoded: response.base64 ?? false,
  };
};
