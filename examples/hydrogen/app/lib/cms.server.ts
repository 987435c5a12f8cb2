/**
 * The CMS from a Hydrogen storefront's server: the typed client (clients/typescript), the
 * article cached in Hydrogen's sub-request cache, and the reader's address handed on to the CMS
 * in the one way it trusts (docs/hydrogen.md).
 */
import { CacheCustom, type WithCache } from "@shopify/hydrogen";
import {
  CmsError,
  createCmsClient,
  getArticle,
  type Article,
  type CmsClient,
  type Forwarding,
} from "@clinic/cms-client";

/** What the storefront's environment (Oxygen's variables, .env in development) must hold. */
export interface CmsEnv {
  /** The CMS's address, e.g. https://cms.example.com. */
  CMS_URL: string;
  /** The CMS's API_FORWARDING_SECRET: only the server has it, never the browser. */
  CMS_FORWARDING_SECRET: string;
}

/** The part of Hydrogen's load context these routes use (server.ts passes it). */
export interface CmsContext {
  env: CmsEnv;
  withCache: WithCache;
}

export function cmsClient(env: CmsEnv): CmsClient {
  return createCmsClient({ baseUrl: env.CMS_URL.replace(/\/+$/, "") });
}

/**
 * The article's freshness in Hydrogen's sub-request cache, matched to the CMS's own
 * `Cache-Control: public, max-age=60`: fresh for a minute, then served stale for up to ten while
 * one background request refreshes it. A reader never waits on the CMS once it has been read.
 */
export const ARTICLE_CACHE = CacheCustom({ mode: "public", maxAge: 60, staleWhileRevalidate: 600 });

/**
 * The last version of each article this server instance read, with its ETag: a refresh sends
 * `If-None-Match` and, while the article is unchanged, the CMS answers 304 without a body.
 */
const lastSeen = new Map<string, { etag: string; article: Article }>();

/** The published article `slug`, or null when the CMS has none (404): cached as described above. */
export function cachedArticle(context: CmsContext, slug: string): Promise<Article | null> {
  const cms = cmsClient(context.env);
  return context.withCache.run(
    {
      cacheKey: ["clinic-cms", "article", slug],
      cacheStrategy: ARTICLE_CACHE,
      // A missing article is not kept: publishing it shows at once.
      shouldCacheResult: (article) => article !== null,
    },
    async () => {
      const previous = lastSeen.get(slug);
      try {
        const answer = await getArticle(cms, slug, { etag: previous?.etag });
        if (answer.status === 304 && previous) return previous.article;
        if (answer.status === 200 && answer.etag) lastSeen.set(slug, { etag: answer.etag, article: answer.data });
        return answer.data;
      } catch (error) {
        if (error instanceof CmsError && error.status === 404) return null;
        throw error;
      }
    },
  );
}

/**
 * How the CMS learns which reader a server request is for: the reader's address as Oxygen gives
 * it (`oxygen-buyer-ip`), with the shared secret. Without this every reader would share the
 * storefront server's address, and one reader's comments would use up everyone's limit.
 */
export function forwardingFor(request: Request, env: CmsEnv): Forwarding | undefined {
  const clientIp = request.headers.get("oxygen-buyer-ip");
  if (!clientIp || !env.CMS_FORWARDING_SECRET) return undefined;
  return { secret: env.CMS_FORWARDING_SECRET, clientIp };
}
