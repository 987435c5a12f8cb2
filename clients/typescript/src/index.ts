/**
 * A small typed client of the CMS's API, on openapi-fetch with the types generated from the
 * committed OpenAPI snapshot (src/schema.d.ts from ../openapi.json). Every path, parameter and
 * body is checked by TypeScript against what the API serves.
 *
 *   const cms = createCmsClient({ baseUrl: "https://cms.example.com" });
 *   const answer = await getArticle(cms, "massage-for-knee-pain");  // answer.data, answer.etag
 *
 * Server-side callers (a Hydrogen loader or action) pass `forwarding` to hand the reader's
 * address on in the way the CMS trusts (docs/hydrogen.md): never a header anyone could send.
 */
import createClient, { type Client, type ClientOptions } from "openapi-fetch";

import type { components, paths } from "./schema";

export type { components, paths } from "./schema";
export type Schemas = components["schemas"];
export type Article = Schemas["Article"];
export type ArticleSummary = Schemas["ArticleSummary"];
export type PublicComment = Schemas["PublicComment"];
export type CommentSubmission = Schemas["CommentSubmission"];
export type SubmissionReceipt = Schemas["SubmissionReceipt"];
export type ApiError = Schemas["Error"];
export type CmsClient = Client<paths>;

/** The headers a trusted server (API_FORWARDING_SECRET) names its reader's address with. */
export const FORWARDED_FOR_HEADER = "Clinic-Forwarded-For";
export const FORWARDING_SECRET_HEADER = "Clinic-Forwarding-Secret";

export interface Forwarding {
  /** The CMS's API_FORWARDING_SECRET: keep it in the server's environment, never in a browser. */
  secret: string;
  /** The reader's IP address, as the server received the reader's request. */
  clientIp: string;
}

/** A client of the CMS at `baseUrl` (scheme and host, no trailing /api). */
export function createCmsClient(options: ClientOptions & { baseUrl: string }): CmsClient {
  return createClient<paths>(options);
}

/** The headers that pass the reader's address on from a trusted server. */
export function forwardingHeaders(forwarding?: Forwarding): Record<string, string> {
  if (!forwarding) return {};
  return {
    [FORWARDING_SECRET_HEADER]: forwarding.secret,
    [FORWARDED_FOR_HEADER]: forwarding.clientIp,
  };
}

export type Revalidated<T> =
  | { status: 200; data: T; etag: string | null }
  | { status: 304; data: null; etag: string | null };

/**
 * One published article, revalidated: with the `etag` of an earlier answer the CMS may answer
 * 304 (nothing to download). Throws CmsError on any other answer (404: no such article).
 */
export async function getArticle(
  client: CmsClient,
  slug: string,
  { etag }: { etag?: string } = {},
): Promise<Revalidated<Article>> {
  const { data, error, response } = await client.GET("/api/v1/articles/{slug}/", {
    params: { path: { slug }, header: etag ? { "If-None-Match": etag } : undefined },
  });
  const newEtag = response.headers.get("ETag");
  if (response.status === 304) return { status: 304, data: null, etag: newEtag ?? etag ?? null };
  if (!data) throw new CmsError(response.status, error);
  return { status: 200, data, etag: newEtag };
}

/**
 * The draft a preview token names (the editor's Preview: docs/api.md, Previews), never cached.
 * The token is the endpoint's credential (a security scheme in the OpenAPI document, not a
 * parameter), so it is written into the query here. Throws CmsError: 401 for a missing, altered or
 * expired token.
 */
export async function getPreview(client: CmsClient, token: string): Promise<Article> {
  const { data, error, response } = await client.GET("/api/v1/preview/", {
    querySerializer: () => new URLSearchParams({ token }).toString(),
    cache: "no-store",
  });
  if (!data) throw new CmsError(response.status, error);
  return data;
}

/** A page of an article's approved comments, and the form token to post a comment with. */
export async function getComments(
  client: CmsClient,
  slug: string,
  { page, forwarding }: { page?: number; forwarding?: Forwarding } = {},
): Promise<{ comments: Schemas["PaginatedPublicCommentList"]; formToken: string }> {
  const [{ data, error, response }, formToken] = await Promise.all([
    client.GET("/api/v1/articles/{slug}/comments/", {
      params: { path: { slug }, query: page ? { page } : undefined },
      headers: forwardingHeaders(forwarding),
    }),
    getFormToken(client, slug, { forwarding }),
  ]);
  if (!data) throw new CmsError(response.status, error);
  return { comments: data, formToken };
}

/**
 * A fresh token for an article's comment form, from its never-cached endpoint; send it back as
 * `form_token`. Fetch one per reader and per comment: a token sent twice counts against the comment.
 */
export async function getFormToken(
  client: CmsClient,
  slug: string,
  { forwarding }: { forwarding?: Forwarding } = {},
): Promise<string> {
  const { data, error, response } = await client.GET("/api/v1/articles/{slug}/comments/form-token/", {
    params: { path: { slug } },
    headers: forwardingHeaders(forwarding),
    cache: "no-store",
  });
  if (!data) throw new CmsError(response.status, error);
  return data.form_token;
}

/**
 * Post a reader's comment (it waits for approval: 202). Field errors come back as `errors`
 * (400, DRF's `{field: [messages]}`), as a reader should see them beside the fields.
 */
export async function postComment(
  client: CmsClient,
  slug: string,
  comment: CommentSubmission,
  { forwarding, userAgent }: { forwarding?: Forwarding; userAgent?: string } = {},
): Promise<
  | { ok: true; receipt: SubmissionReceipt }
  | { ok: false; status: number; errors: Record<string, string[] | string>; retryAfter: number | null }
> {
  const { data, error, response } = await client.POST("/api/v1/articles/{slug}/comments/", {
    params: { path: { slug } },
    body: comment,
    headers: { ...forwardingHeaders(forwarding), ...(userAgent ? { "User-Agent": userAgent } : {}) },
  });
  if (data) return { ok: true, receipt: data };
  const retryAfter = Number(response.headers.get("Retry-After")) || null;
  return { ok: false, status: response.status, errors: (error ?? {}) as Record<string, string[] | string>, retryAfter };
}

/** An answer of the CMS other than the one asked for, with its `{detail}` when it sent one. */
export class CmsError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    const detail = (body as ApiError | undefined)?.detail;
    super(detail ? `CMS answered ${status}: ${detail}` : `CMS answered ${status}`);
    this.name = "CmsError";
  }
}
