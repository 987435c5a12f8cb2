/**
 * A blog post of the storefront, from the CMS, rendered on the server: the article's HTML and its
 * JSON-LD are in the response search engines read, not added later by a script. Its comments and
 * the comment form work without JavaScript (a plain <form method="post"> to this route's action,
 * which posts to the CMS from the server, naming the reader: docs/hydrogen.md).
 */
import {
  data,
  Form,
  useActionData,
  useLoaderData,
  useNavigation,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "react-router";
import { getComments, postComment, type Article, type PublicComment } from "@clinic/cms-client";

import { ArticleBody } from "~/components/ArticleBody";
import { cachedArticle, cmsClient, forwardingFor, type CmsContext } from "~/lib/cms.server";

export async function loader({ params, request, context }: LoaderFunctionArgs<CmsContext>) {
  const slug = params.articleHandle ?? "";
  const article = await cachedArticle(context, slug);
  if (!article) throw new Response("Not found", { status: 404 });
  // The comments are read fresh: the form token in their answer is the reader's own.
  const { comments, formToken } = await getComments(cmsClient(context.env), slug, {
    forwarding: forwardingFor(request, context.env),
  });
  return data({ article, comments: comments.results, formToken });
}

export type CommentFormResult =
  | { ok: true; message: string }
  | { ok: false; errors: Record<string, string[] | string>; retryAfter: number | null };

export async function action({ params, request, context }: ActionFunctionArgs<CmsContext>) {
  const form = await request.formData();
  const field = (name: string) => String(form.get(name) ?? "");
  const parent = Number(field("parent")) || null;
  const answer = await postComment(
    cmsClient(context.env),
    params.articleHandle ?? "",
    {
      author_name: field("author_name"),
      author_email: field("author_email"),
      body: field("body"),
      parent,
      form_token: field("form_token"),
      website: field("website"),
    },
    { forwarding: forwardingFor(request, context.env), userAgent: request.headers.get("User-Agent") ?? undefined },
  );
  if (answer.ok) {
    return data<CommentFormResult>({ ok: true, message: answer.receipt.message }, { status: 202 });
  }
  return data<CommentFormResult>(
    { ok: false, errors: answer.errors, retryAfter: answer.retryAfter },
    { status: answer.status },
  );
}

/** The page may be shared by a CDN as long as the article's own copy is fresh (see cms.server.ts). */
export const headers: HeadersFunction = () => ({
  "Cache-Control": "public, max-age=60, stale-while-revalidate=600",
});

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => {
  const article = loaded?.article;
  if (!article) return [{ title: "Article not found" }];
  return [
    { title: article.seo.title || article.title },
    { name: "description", content: article.seo.description || article.summary },
    ...(article.seo.canonical_url ? [{ tagName: "link", rel: "canonical", href: article.seo.canonical_url }] : []),
    { "script:ld+json": article.json_ld },
  ];
};

export default function BlogArticle() {
  const { article, comments, formToken } = useLoaderData<typeof loader>();
  return (
    <div className="article">
      <ArticleBody article={article} />
      <Comments article={article} comments={comments} formToken={formToken} />
    </div>
  );
}

function Comments({
  article,
  comments,
  formToken,
}: {
  article: Article;
  comments: PublicComment[];
  formToken: string;
}) {
  const result = useActionData<CommentFormResult>();
  const submitting = useNavigation().state === "submitting";
  const errors = result && !result.ok ? result.errors : {};
  const error = (name: string) => {
    const messages = errors[name];
    return messages ? <p className="error" id={`${name}-error`}>{([] as string[]).concat(messages).join(" ")}</p> : null;
  };
  return (
    <section aria-labelledby="comments-heading">
      <h2 id="comments-heading">{comments.length === 1 ? "1 comment" : `${comments.length} comments`}</h2>
      <ol className="comments">
        {comments.map((comment) => (
          <li key={comment.id} id={`comment-${comment.id}`}>
            <p className="meta">
              <strong>{comment.author_name}</strong>
              {comment.is_staff_reply ? <span className="badge">Clinic</span> : null}
              {comment.verified_customer ? <span className="badge verified">Verified client</span> : null}
              {" · "}
              <time dateTime={comment.created_at}>{comment.created_at.slice(0, 10)}</time>
            </p>
            <div dangerouslySetInnerHTML={{ __html: comment.body_html }} />
          </li>
        ))}
      </ol>
      {article.comments_enabled ? (
        <Form method="post" aria-label="Leave a comment">
          <h3>Leave a comment</h3>
          {result?.ok ? <p role="status" className="success">{result.message}</p> : null}
          {error("non_field_errors")}
          {result && !result.ok && result.retryAfter ? (
            <p role="alert">Please try again in {result.retryAfter} seconds.</p>
          ) : null}
          <input type="hidden" name="form_token" value={formToken} />
          <label htmlFor="author_name">Name</label>
          <input id="author_name" name="author_name" autoComplete="name" required aria-describedby="author_name-error" />
          {error("author_name")}
          <label htmlFor="author_email">Email</label>
          <input id="author_email" name="author_email" type="email" autoComplete="email" required aria-describedby="author_email-error" />
          {error("author_email")}
          <label htmlFor="body">Comment</label>
          <textarea id="body" name="body" required minLength={2} maxLength={5000} aria-describedby="body-error" />
          {error("body")}
          <div hidden aria-hidden="true">
            <label htmlFor="website">Website</label>
            <input id="website" name="website" tabIndex={-1} autoComplete="off" />
          </div>
          <button type="submit" disabled={submitting}>Post comment</button>
        </Form>
      ) : (
        <p>Comments are closed on this article.</p>
      )}
    </section>
  );
}
