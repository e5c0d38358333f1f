/** The HTTP API (finance, monitor): the router of pipeline/api behind API Gateway (HTTP API). */
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { apiRouter } from '../pipeline/api/router';
import { awsDeps } from './aws';

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
  const deps = await awsDeps();
  const claims = (event.requestContext as { authorizer?: { jwt?: { claims?: Record<string, unknown> } } }).authorizer?.jwt?.claims;
  const response = await apiRouter(deps).handle({
    method: event.requestContext.http.method,
    path: event.rawPath,
    query: new URLSearchParams(event.rawQueryString ?? ''),
    groups: String(claims?.['cognito:groups'] ?? '')
      .replace(/^\[|\]$/g, '')
      .split(/[ ,]+/)
      .filter(Boolean),
  });
  return {
    statusCode: response.status,
    headers: response.headers,
    body: response.body,
    isBase64Encoded: response.base64 ?? false,
  };
};
