import { createParamDecorator, type ExecutionContext } from '@nestjs/common';

/** What the access log keeps of the request itself. */
export interface AccessRequestInfo {
  /** `GET /api/v1/households/:id`: the route template, so reads of one route group together. */
  route: string;
  /** The path and query as requested. */
  url: string;
  /** The client's address as Express sees it (honours the app's `trust proxy` setting). */
  clientAddress: string | null;
}

interface ExpressLikeRequest {
  method: string;
  originalUrl?: string;
  url: string;
  baseUrl?: string;
  route?: { path?: string };
  ip?: string;
  socket?: { remoteAddress?: string };
}

const MAX_URL_LENGTH = 2_000;

export const accessRequestInfo = (request: ExpressLikeRequest): AccessRequestInfo => {
  const template = `${request.baseUrl ?? ''}${request.route?.path ?? ''}`;
  const url = request.originalUrl ?? request.url;
  return {
    route: `${request.method} ${template || url.split('?')[0]}`,
    url: url.length > MAX_URL_LENGTH ? url.slice(0, MAX_URL_LENGTH) : url,
    clientAddress: request.ip ?? request.socket?.remoteAddress ?? null,
  };
};

/** The request facts the access log records, as a handler parameter. */
export const AccessRequest = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): AccessRequestInfo =>
    accessRequestInfo(ctx.switchToHttp().getRequest<ExpressLikeRequest>()),
);
