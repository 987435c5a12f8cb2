/**
 * The editor's Preview (docs/api.md, Previews): the CMS's admin opens FRONTEND_BASE_URL +
 * /preview/?token=... in its preview panel; this route shows the draft the token names, rendered
 * like a published article, never cached and never indexed.
 */
import { data, useLoaderData, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "react-router";
import { CmsError, getPreview } from "@clinic/cms-client";

import { ArticleBody } from "~/components/ArticleBody";
import { cmsClient, type CmsContext } from "~/lib/cms.server";

const PRIVATE = { "Cache-Control": "private, no-store" };

export async function loader({ request, context }: LoaderFunctionArgs<CmsContext>) {
  const token = new URL(request.url).searchParams.get("token");
  if (!token) throw new Response("This preview link has no token.", { status: 400, headers: PRIVATE });
  try {
    return data({ article: await getPreview(cmsClient(context.env), token) }, { headers: PRIVATE });
  } catch (error) {
    // 401: an altered or expired link (the editor clicks Preview again); 404: the page is gone.
    if (error instanceof CmsError && (error.status === 401 || error.status === 404)) {
      throw new Response(error.message, { status: error.status, headers: PRIVATE });
    }
    throw error;
  }
}

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: `Preview: ${loaded?.article.title ?? "draft"}` },
  { name: "robots", content: "noindex, nofollow" },
];

export default function Preview() {
  const { article } = useLoaderData<typeof loader>();
  return (
    <div className="article preview">
      <p role="note">Preview: readers do not see this version yet.</p>
      <ArticleBody article={article} />
    </div>
  );
}
