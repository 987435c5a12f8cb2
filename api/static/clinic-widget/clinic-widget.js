/*
 * Clinic widget: <clinic-article> and <clinic-comments>, web components that show an article of
 * the CMS's content API and its readers' comments on any page (a Shopify theme, a static site).
 *
 *   <script src="https://cms.example.com/static/clinic-widget/clinic-widget.js" defer></script>
 *   <clinic-article api="https://cms.example.com" slug="massage-for-knee-pain"></clinic-article>
 *   <clinic-comments api="https://cms.example.com" slug="massage-for-knee-pain"></clinic-comments>
 *
 * No dependencies and no requests but the API's. Text is always set as text; only the API's
 * sanitised HTML fields (paragraphs, FAQ answers, comment bodies) are set as HTML. Each renders in
 * its own shadow root, styled through CSS custom properties (--clinic-*) and ::part() names.
 * docs/widget.md says how to install, style and preview with it.
 */
(() => {
  "use strict";

  const SEVERITIES = {
    avoid: "Avoid massage",
    clearance: "Needs medical clearance first",
    modify: "Massage with modifications",
  };
  const URGENCIES = {
    emergency: "Emergency: seek care now",
    urgent: "Urgent: see a doctor before massage",
    routine: "Routine: mention it at the next appointment",
  };
  // The server's limits (moderation/models.py); it checks them again.
  const LIMITS = { author_name: [1, 100], body: [2, 5000] };
  const COMMENTER_TOKEN = "clinic-widget:commenter-token";
  /* How long a comment waits for its form token before going without one. */
  const FORM_TOKEN_WAIT = 5000;

  const STYLE = `
    :host { display: block; font: var(--clinic-font, inherit); color: var(--clinic-text, inherit);
      line-height: 1.6; --_accent: var(--clinic-accent, #1f6f5c); --_muted: var(--clinic-muted, #555);
      --_surface: var(--clinic-surface, #f5f7f6); --_radius: var(--clinic-radius, 8px); }
    :host([hidden]) { display: none; }
    * { box-sizing: border-box; }
    h1, h2, h3 { line-height: 1.25; color: var(--clinic-heading, inherit); }
    a { color: var(--_accent); }
    .meta, .note { color: var(--_muted); font-size: .95em; }
    section, aside, figure, blockquote { margin: 1.5em 0; }
    .panel { background: var(--_surface); border-radius: var(--_radius); padding: 1em 1.25em; }
    .badge { display: inline-block; border-radius: 999px; padding: 0 .6em; font-size: .85em;
      font-weight: 600; background: var(--_surface); border: 1px solid currentColor; }
    /* Each severity and urgency sets one colour, which its badge, heading and edge take. */
    .severity-avoid { --_level: var(--clinic-avoid, #9b1c1c); }
    .severity-clearance { --_level: var(--clinic-clearance, #8a4b00); }
    .severity-modify { --_level: var(--clinic-modify, #1d4f91); }
    aside.warning { --_level: var(--clinic-urgent, #b45309); }
    aside.warning.emergency { --_level: var(--clinic-emergency, #9b1c1c); }
    aside.warning.routine { --_level: var(--clinic-routine, #1d4f91); }
    li.contraindication { border-left: 4px solid var(--_level); padding-left: .75em; margin: .75em 0; list-style: none; }
    li.contraindication .badge, aside.warning .level { color: var(--_level); }
    .condition { font-weight: 600; }
    aside.warning { border-left: 6px solid var(--_level); }
    .cta { display: inline-block; background: var(--_accent); color: var(--clinic-on-accent, #fff);
      padding: .6em 1.2em; border-radius: var(--_radius); text-decoration: none; font-weight: 600; }
    img { max-width: 100%; height: auto; }
    details { border-bottom: 1px solid #ddd; padding: .5em 0; }
    summary { cursor: pointer; font-weight: 600; }
    ol.comments, ol.replies { list-style: none; padding: 0; }
    ol.replies { margin-left: 1.5em; border-left: 3px solid var(--_surface); padding-left: 1em; }
    li.comment { margin: 1em 0; }
    .staff { color: var(--_accent); }
    form { display: grid; gap: .9em; max-width: 40em; }
    label { font-weight: 600; display: block; }
    input, textarea { font: inherit; width: 100%; padding: .5em; border: 1px solid #767676;
      border-radius: calc(var(--_radius) / 2); }
    textarea { min-height: 8em; }
    [aria-invalid="true"] { border-color: var(--clinic-error, #9b1c1c); }
    .error { color: var(--clinic-error, #9b1c1c); margin: .25em 0 0; }
    button { font: inherit; cursor: pointer; border: 0; border-radius: var(--_radius);
      background: var(--_accent); color: var(--clinic-on-accent, #fff); padding: .6em 1.2em; }
    button.link { background: none; color: var(--_accent); padding: 0; text-decoration: underline; }
    .check { display: flex; gap: .5em; align-items: baseline; }
    .check input { width: auto; }
    .check label { font-weight: normal; }
    .trap { position: absolute; left: -10000px; width: 1px; height: 1px; overflow: hidden; }
    [role="status"]:empty { display: none; }
    .status.success { background: var(--clinic-success-surface, #e7f4ee); color: var(--clinic-success, #14532d);
      border-left: 6px solid var(--clinic-success, #14532d); border-radius: var(--_radius); padding: .9em 1.1em;
      font-weight: 600; font-size: 1.05em; }
    .badge.verified { color: var(--clinic-verified, #14532d); margin-left: .4em; }
  `;

  /* An element with attributes and children (strings become text nodes: never parsed as HTML). */
  function h(tag, attributes = {}, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (value === false || value === null || value === undefined) continue;
      element.setAttribute(name, value === true ? "" : value);
    }
    element.append(...children.flat().filter((child) => child !== null && child !== undefined && child !== ""));
    return element;
  }

  /* An element holding one of the API's sanitised HTML fields. */
  function sanitisedHtml(tag, attributes, apiHtml) {
    const element = h(tag, attributes);
    element.innerHTML = apiHtml || "";
    return element;
  }

  /* The text of API HTML, parsed in an inert document: nothing in it (an image) is fetched. */
  function textOf(apiHtml) {
    return new DOMParser().parseFromString(apiHtml || "", "text/html").body.textContent;
  }

  /* Characters as the server counts them: code points, not UTF-16 units (an emoji is one). */
  function characters(text) {
    return [...text.trim()].length;
  }

  /* The browser's storage, where a reader's browser allows it (private modes may refuse). */
  const storage = {
    get(key) {
      try {
        return localStorage.getItem(key);
      } catch (error) {
        return null;
      }
    },
    set(key, value) {
      try {
        localStorage.setItem(key, value);
      } catch (error) {
        /* Without storage the reader's comments simply wait for a moderator. */
      }
    },
  };

  /* The CMS: the element's `api`, else the page's <meta name="clinic-api"> (the Shopify app embed sets it). */
  function apiBase(element) {
    const meta = document.querySelector('meta[name="clinic-api"]');
    return (element.getAttribute("api") || (meta && meta.content) || "").replace(/\/+$/, "");
  }

  function locale() {
    return document.documentElement.lang || navigator.language || "en";
  }

  /* "2026-03-01" as a local date (not UTC midnight, which shows the previous day in the west). */
  function formatDate(value) {
    if (!value) return "";
    const [year, month, day] = value.slice(0, 10).split("-").map(Number);
    return new Intl.DateTimeFormat(locale(), { dateStyle: "long" }).format(new Date(year, month - 1, day));
  }

  function formatDateTime(value) {
    return new Intl.DateTimeFormat(locale(), { dateStyle: "medium", timeStyle: "short" }).format(new Date(value));
  }

  /* Whether the page is a developer's (a loopback or .local address), where hints may name settings. */
  function inDevelopment() {
    return /^(localhost|127(\.\d+){3}|0\.0\.0\.0|\[::1\]|.+\.local)$/.test(location.hostname);
  }

  /*
   * What a reader is told when the API could not be reached at all. A browser hides why from the
   * page; the usual cause on a developer's machine is the CMS not allowing this page's origin
   * (CORS), so there the message says so. The console always gets the details.
   */
  function unreachable(what, base) {
    const target = base || location.origin;
    const hint = `The CMS at ${target} could not be reached from ${location.origin}. If it is running, ` +
      `it may not allow this origin: add ${location.origin} to its CORS_ALLOWED_ORIGINS (docs/widget.md, CORS).`;
    console.warn(`clinic-widget: ${hint}`);
    return inDevelopment() ? `${what} ${hint}` : `${what} Please try again later.`;
  }

  /* GET JSON, revalidated with the server each time (If-None-Match from the browser's cache). */
  async function getJSON(url, { preview = false, credentials = "omit", cache = preview ? "no-store" : "no-cache" } = {}) {
    const response = await fetch(url, {
      headers: { Accept: "application/json" },
      cache,
      credentials,
    });
    const data = await response.json().catch(() => null);
    return { response, data };
  }

  class ClinicElement extends HTMLElement {
    static observedAttributes = ["api", "slug", "token"];

    constructor() {
      super();
      this.root = this.attachShadow({ mode: "open" });
      // Until the API answers, the element's own content (a "Loading..." line) shows.
      this.root.append(h("slot"));
    }

    connectedCallback() {
      this.load();
    }

    attributeChangedCallback(_name, previous, current) {
      if (this.isConnected && previous !== null && previous !== current) this.load();
    }

    show(...children) {
      this.root.replaceChildren(h("style", {}, STYLE), ...children);
    }

    showProblem(message) {
      this.show(h("p", { role: "alert", part: "error" }, message));
    }
  }

  /* <clinic-article api slug [token | preview]>: an article, every block as its own section. */
  class ClinicArticle extends ClinicElement {
    previewToken() {
      if (this.hasAttribute("token")) return this.getAttribute("token");
      return this.hasAttribute("preview") ? new URLSearchParams(location.search).get("token") : null;
    }

    async load() {
      const token = this.previewToken();
      const slug = this.getAttribute("slug") || "";
      const url = token
        ? `${apiBase(this)}/api/v1/preview/?token=${encodeURIComponent(token)}`
        : `${apiBase(this)}/api/v1/articles/${encodeURIComponent(slug)}/`;
      this.setAttribute("aria-busy", "true");
      try {
        const { response, data } = await getJSON(url, { preview: Boolean(token) });
        if (!response.ok) {
          this.showProblem(response.status === 404 ? "This article is not available." : (data && data.detail) || "The article could not be loaded.");
          return;
        }
        this.render(data);
        this.dispatchEvent(new CustomEvent("clinic-article-loaded", { detail: data, bubbles: true }));
      } catch (error) {
        this.showProblem(unreachable("The article could not be loaded.", apiBase(this)));
      } finally {
        this.removeAttribute("aria-busy");
      }
    }

    render(article) {
      this.show(
        h("article", { part: "article", lang: this.getAttribute("lang") || null },
          this.header(article),
          article.body.map((block) => this.block(block)),
        ),
      );
      this.injectJsonLd(article.json_ld);
    }

    header(article) {
      const facts = [
        article.published_at ? h("span", {}, "Published ", h("time", { datetime: article.published_at }, formatDate(article.published_at))) : null,
        article.author ? h("span", {}, "By ", person(article.author)) : null,
        article.reading_time_minutes ? h("span", {}, `${article.reading_time_minutes} min read`) : null,
      ].filter(Boolean);
      return h("header", { part: "header" },
        h("h1", { part: "title" }, article.title),
        showsSummary(article) ? h("p", { part: "summary", class: "summary" }, article.summary) : null,
        facts.length ? h("p", { class: "meta", part: "meta" }, facts.flatMap((fact, index) => (index ? [" · ", fact] : [fact]))) : null,
        article.reviewed_by || article.last_reviewed
          ? h("p", { class: "meta", part: "review" },
              "Medically reviewed",
              article.reviewed_by ? h("span", {}, " by ", person(article.reviewed_by)) : null,
              article.last_reviewed ? h("span", {}, " on ", h("time", { datetime: article.last_reviewed }, formatDate(article.last_reviewed))) : null,
            )
          : null,
      );
    }

    block({ type, value }) {
      const render = BLOCKS[type];
      if (!render) return null;
      const element = render(value);
      element.classList.add("block", `block-${type}`);
      element.setAttribute("part", `block ${type}`);
      element.dataset.blockType = type;
      return element;
    }

    /* The article's JSON-LD in the page's head, for search engines; one per element. */
    injectJsonLd(jsonLd) {
      if (this.jsonLdScript) this.jsonLdScript.remove();
      if (!jsonLd) return;
      this.jsonLdScript = h("script", { type: "application/ld+json", "data-clinic-article": this.getAttribute("slug") || "preview" });
      this.jsonLdScript.textContent = JSON.stringify(jsonLd);
      document.head.append(this.jsonLdScript);
    }

    disconnectedCallback() {
      if (this.jsonLdScript) this.jsonLdScript.remove();
    }
  }

  /* The summary, unless the body opens with the same words (a summary taken from the intro). */
  function showsSummary(article) {
    if (!article.summary) return false;
    const first = article.body[0];
    if (!first || first.type !== "paragraph") return true;
    const opening = textOf(first.value);
    const words = (text) => text.replace(/\s+/g, " ").trim();
    return !words(opening).startsWith(words(article.summary));
  }

  function person(author) {
    const credentials = (author.credentials || []).map((credential) => credential.abbreviation).filter(Boolean);
    return h("span", { class: "person" },
      h("strong", {}, author.name),
      credentials.length ? `, ${credentials.join(", ")}` : "",
      author.job_title ? ` (${author.job_title})` : "",
    );
  }

  function sectionHeading(value) {
    return [h("h2", {}, value.heading), value.intro ? h("p", { class: "intro" }, value.intro) : null];
  }

  function image(data, alt) {
    if (!data) return null;
    const renditions = Object.values(data.renditions || {}).sort((a, b) => a.width - b.width);
    if (!renditions.length) return null;
    const largest = renditions[renditions.length - 1];
    return h("img", {
      src: largest.url,
      srcset: renditions.map((rendition) => `${rendition.url} ${rendition.width}w`).join(", "),
      sizes: "(min-width: 48em) 48em, 100vw",
      width: largest.width,
      height: largest.height,
      alt: alt ?? data.alt ?? "",
      loading: "lazy",
    });
  }

  function citation(value) {
    const parts = [value.authors, value.title, value.journal, [value.year, value.volume].filter(Boolean).join(";"), value.pages];
    const text = parts.filter(Boolean).join(". ");
    const link = value.doi ? `https://doi.org/${value.doi}` : value.url;
    return h("cite", {}, text, link ? [". ", h("a", { href: link, rel: "noopener" }, value.doi ? `doi:${value.doi}` : "Read the study")] : null);
  }

  /*
   * A video: the link to it, and for the YouTube or Vimeo player the CMS built, a button that
   * loads the player when the reader asks for it. Nothing is fetched from the video's host before
   * (no third-party request, cookie or tracking on opening the article).
   */
  function video(value) {
    const provider = value.provider || "video";
    const link = h("a", { href: value.url, rel: "noopener" }, `Watch the video on ${provider}`);
    if (!value.player_url) return link;
    const play = h("button", { type: "button", class: "play" }, `Play the video here (loads ${provider})`);
    play.addEventListener("click", () => {
      play.replaceWith(h("iframe", {
        src: value.player_url, title: `Video (${provider})`, allow: "fullscreen; picture-in-picture",
        width: 560, height: 315,
      }));
    });
    return [play, " ", link];
  }

  /* Each block type as a semantic section: what a reader sees, in the article's order. */
  const BLOCKS = {
    heading: (value) => h(value.level === "h3" ? "h3" : "h2", {}, value.text),
    paragraph: (value) => sanitisedHtml("div", { class: "rich-text" }, value),
    image: (value) => h("figure", {}, image(value.image), value.caption ? h("figcaption", {}, value.caption) : null),
    quote: (value) => h("figure", {},
      h("blockquote", {}, h("p", {}, value.text)),
      value.attribution ? h("figcaption", {}, "— ", value.attribution) : null,
    ),
    causes: (value) => h("section", {}, sectionHeading(value),
      h("ul", {}, value.items.map((item) => h("li", {},
        h("strong", {}, item.name), item.description ? `: ${item.description}` : "",
      ))),
    ),
    benefits: (value) => h("section", {}, sectionHeading(value),
      value.items.map((item) => h("div", { class: "benefit" },
        h("h3", {}, item.title), h("p", {}, item.explanation), item.mechanism ? h("p", { class: "note" }, item.mechanism) : null,
      )),
    ),
    techniques: (value) => h("section", {}, sectionHeading(value),
      h("ul", {}, value.items.map((item) => h("li", {},
        h("strong", {}, item.technique.name),
        // The article's own wording (application) takes the place of the library's summary.
        item.application ? h("p", { class: "note" }, item.application)
          : item.technique.summary ? ` — ${item.technique.summary}` : "",
      ))),
    ),
    contraindications: (value) => {
      const order = Object.keys(SEVERITIES);
      const items = [...value.items].sort((a, b) => order.indexOf(a.severity) - order.indexOf(b.severity));
      return h("section", { class: "panel" }, sectionHeading(value),
        h("ul", {}, items.map((item) => h("li", { class: `contraindication severity-${item.severity}`, "data-severity": item.severity },
          h("span", { class: "badge", part: "severity" }, SEVERITIES[item.severity] || item.severity), " ",
          h("span", { class: "condition" }, item.condition),
          item.guidance ? h("p", { class: "note" }, item.guidance) : null,
        ))),
      );
    },
    evidence: (value) => h("figure", { class: "panel evidence" },
      h("blockquote", {}, h("p", {}, value.finding)),
      h("figcaption", {}, "Source: ", citation(value)),
    ),
    warning: (value) => h("aside", {
      class: `panel warning ${value.urgency}`,
      "aria-label": value.heading || URGENCIES[value.urgency] || "Warning",
      "data-urgency": value.urgency,
    },
      h("p", {}, h("strong", { class: "level" }, value.heading || URGENCIES[value.urgency] || "")),
      h("p", {}, value.text),
    ),
    care_plan: (value) => h("section", {}, sectionHeading(value),
      h("ol", {}, value.items.map((item) => h("li", {},
        h("strong", {}, item.title), item.description ? h("p", {}, item.description) : null,
      ))),
    ),
    faq: (value) => h("section", {}, h("h2", {}, "Frequently asked questions"),
      value.items.map((item) => h("details", {}, h("summary", {}, item.question), sanitisedHtml("div", { class: "rich-text" }, item.answer))),
    ),
    table: (value) => h("figure", { class: "table" },
      h("table", {},
        value.caption ? h("caption", {}, value.caption) : null,
        h("tbody", {}, value.rows.map((row, r) => h("tr", {}, row.map((cell, c) => {
          const header = (value.first_row_is_header && r === 0) || (value.first_column_is_header && c === 0);
          return header ? h("th", { scope: value.first_row_is_header && r === 0 ? "col" : "row" }, cell) : h("td", {}, cell);
        })))),
      ),
    ),
    embed: (value) => h("figure", { class: "embed" }, video(value)),
    call_to_action: (value) => h("aside", { class: "panel", "aria-label": value.label },
      h("a", { class: "cta", href: value.url, part: "cta" }, value.label),
      value.location ? h("p", { class: "note" }, [value.location.name, value.location.street_address, value.location.city].filter(Boolean).join(", ")) : null,
    ),
  };

  /*
   * <clinic-comments api slug>: approved comments with their replies, and the comment form.
   * <clinic-comments proxy="/apps/clinic" slug>: the same through the shop's Shopify app proxy
   * (docs/shopify.md), on the shop's own origin, with the shop's login (a logged-in customer's
   * comments are a verified customer's).
   */
  class ClinicComments extends ClinicElement {
    static observedAttributes = [...ClinicElement.observedAttributes, "proxy"];

    /* Through the app proxy the shop's cookies go along: Shopify reads its login from them. */
    get credentials() {
      return this.hasAttribute("proxy") ? "same-origin" : "omit";
    }

    async load() {
      this.page = 0;
      this.comments = [];
      this.replyTo = null;
      this.show(this.layout());
      await Promise.all([this.loadPage(), this.fetchFormToken()]);
    }

    /*
     * The form's token comes from its own endpoint, never cached: each reader gets their own, and
     * a fresh one for each comment (a token sent twice counts against the comment). `formToken`
     * is the request's promise, so a comment sent before the token has arrived (a fast reader, a
     * browser's autofill) waits for it rather than going without.
     */
    fetchFormToken() {
      this.formToken = this.requestFormToken();
      return this.formToken;
    }

    async requestFormToken() {
      try {
        const { response, data } = await getJSON(`${this.commentsUrl(0)}form-token/`, { cache: "no-store", credentials: this.credentials });
        if (response.ok && data) return data.form_token;
      } catch (error) {
        /* Without a token the comment is still accepted, only held more readily. */
      }
      return "";
    }

    /* The token, waiting for it at most FORM_TOKEN_WAIT ms: a slow token endpoint never blocks a comment. */
    currentFormToken() {
      const timeout = new Promise((resolve) => setTimeout(() => resolve(""), FORM_TOKEN_WAIT));
      return Promise.race([this.formToken, timeout]);
    }

    commentsUrl(page) {
      const slug = encodeURIComponent(this.getAttribute("slug") || "");
      const proxy = (this.getAttribute("proxy") || "").replace(/\/+$/, "");
      const base = proxy || `${apiBase(this)}/api/v1`;
      return `${base}/articles/${slug}/comments/` + (page ? `?page=${page}` : "");
    }

    layout() {
      this.list = h("ol", { class: "comments", part: "comments" });
      this.count = h("h2", { id: "comments-heading", part: "heading" }, "Comments");
      this.more = h("button", { type: "button", class: "more", part: "more", hidden: true }, "Show more comments");
      this.more.addEventListener("click", () => this.loadPage());
      this.status = h("p", { role: "status", "aria-live": "polite", part: "status", class: "status" });
      return h("section", { "aria-labelledby": "comments-heading", part: "section" },
        this.count, this.list, this.more, this.form(), this.status,
      );
    }

    async loadPage() {
      this.more.hidden = true;
      try {
        const { response, data } = await getJSON(this.commentsUrl(this.page + 1), { credentials: this.credentials });
        if (!response.ok) {
          this.status.textContent = response.status === 404 ? "Comments are not available for this article." : "Comments could not be loaded.";
          return;
        }
        this.page += 1;
        this.comments.push(...data.results);
        this.renderComments(data.count);
        this.more.hidden = !data.next;
      } catch (error) {
        this.status.textContent = unreachable("Comments could not be loaded.", this.getAttribute("proxy") ? "" : apiBase(this));
      }
    }

    renderComments(total) {
      this.count.textContent = total === 1 ? "1 comment" : `${total} comments`;
      const shown = new Set(this.comments.map((comment) => comment.id));
      const replies = new Map();
      for (const comment of this.comments) {
        if (comment.parent && shown.has(comment.parent)) {
          replies.set(comment.parent, [...(replies.get(comment.parent) || []), comment]);
        }
      }
      const item = (comment) => h("li", { class: "comment", id: `comment-${comment.id}`, part: "comment" },
        h("article", { "aria-label": `Comment by ${comment.author_name}` },
          h("p", { class: "meta" },
            h("strong", { class: comment.is_staff_reply ? "staff" : null }, comment.author_name),
            comment.is_staff_reply ? h("span", { class: "badge staff" }, "Clinic") : null,
            comment.verified_customer ? h("span", { class: "badge verified", part: "verified", title: "Signed in to the shop when commenting" }, "Verified client") : null,
            " · ", h("time", { datetime: comment.created_at }, formatDateTime(comment.created_at)),
          ),
          sanitisedHtml("div", { class: "rich-text" }, comment.body_html),
          this.replyButton(comment),
        ),
        replies.has(comment.id) ? h("ol", { class: "replies" }, replies.get(comment.id).map(item)) : null,
      );
      const topLevel = this.comments.filter((comment) => !(comment.parent && shown.has(comment.parent)));
      this.list.replaceChildren(...topLevel.map(item));
    }

    replyButton(comment) {
      const button = h("button", { type: "button", class: "link reply" }, `Reply to ${comment.author_name}`);
      button.addEventListener("click", () => {
        this.replyTo = comment;
        this.replying.replaceChildren(`Replying to ${comment.author_name}. `, this.cancelReplyButton());
        this.replying.hidden = false;
        this.fields.body.focus();
      });
      return button;
    }

    cancelReplyButton() {
      const button = h("button", { type: "button", class: "link" }, "Cancel reply");
      button.addEventListener("click", () => this.cancelReply());
      return button;
    }

    cancelReply() {
      this.replyTo = null;
      this.replying.hidden = true;
      this.replying.replaceChildren();
    }

    form() {
      const field = (name, label, control, hint) => {
        const error = h("p", { class: "error", id: `${name}-error`, hidden: true });
        control.setAttribute("id", `field-${name}`);
        control.setAttribute("name", name);
        control.setAttribute("aria-describedby", `${name}-error`);
        this.fields[name] = control;
        this.errors[name] = error;
        return h("div", { class: "field" }, h("label", { for: `field-${name}` }, label), hint ? h("p", { class: "note" }, hint) : null, control, error);
      };
      this.fields = {};
      this.errors = {};
      this.replying = h("p", { class: "note", hidden: true });
      // Consent to the reader's emails, never assumed: unticked (docs/moderation.md, "Readers told").
      this.notify = h("input", { id: "field-notify", name: "notify", type: "checkbox" });
      this.formError = h("p", { class: "error", role: "alert", hidden: true });
      const form = h("form", { part: "form", novalidate: true, "aria-label": "Leave a comment" },
        h("h3", {}, "Leave a comment"),
        h("p", { class: "note" }, "Comments are read by the clinic before they appear. Your email is never shown."),
        this.replying,
        this.formError,
        field("author_name", "Name", h("input", { type: "text", autocomplete: "name", required: true, maxlength: LIMITS.author_name[1] })),
        field("author_email", "Email", h("input", { type: "email", autocomplete: "email", required: true, maxlength: 254 })),
        field("body", "Comment", h("textarea", { required: true, minlength: LIMITS.body[0], maxlength: LIMITS.body[1] }), `${LIMITS.body[0]} to ${LIMITS.body[1]} characters.`),
        h("div", { class: "check" }, this.notify,
          h("label", { for: "field-notify" }, "Notify me at this address when my comment is published, and when the clinic answers it."),
        ),
        // The honeypot: hidden from people (and screen readers), filled in by bots.
        h("div", { class: "trap", "aria-hidden": "true" },
          h("label", { for: "field-website" }, "Website"),
          h("input", { id: "field-website", name: "website", type: "text", tabindex: "-1", autocomplete: "off" }),
        ),
        h("button", { type: "submit", part: "submit" }, "Post comment"),
      );
      this.honeypot = form.querySelector("[name=website]");
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        this.submit(form);
      });
      return form;
    }

    clearErrors() {
      this.formError.hidden = true;
      for (const [name, error] of Object.entries(this.errors)) {
        error.hidden = true;
        error.textContent = "";
        this.fields[name].removeAttribute("aria-invalid");
      }
    }

    showErrors(errors) {
      const general = [];
      for (const [name, messages] of Object.entries(errors)) {
        const text = [].concat(messages).join(" ");
        if (this.errors[name]) {
          this.errors[name].textContent = text;
          this.errors[name].hidden = false;
          this.fields[name].setAttribute("aria-invalid", "true");
        } else {
          general.push(text);
        }
      }
      if (general.length) {
        this.formError.textContent = general.join(" ");
        this.formError.hidden = false;
      }
      const first = Object.keys(errors).find((name) => this.fields[name]);
      if (first) this.fields[first].focus();
    }

    /* The server's rules, checked before sending so a reader hears at once what to fix. */
    localErrors(values) {
      const errors = {};
      for (const [name, [min, max]] of Object.entries(LIMITS)) {
        const length = characters(values[name]);
        if (length < min) errors[name] = min === 1 ? "Please enter your name." : `Please write at least ${min} characters.`;
        else if (length > max) errors[name] = `Please keep it to ${max} characters.`;
      }
      if (!this.fields.author_email.checkValidity() || !values.author_email.trim()) {
        errors.author_email = "Please enter a valid email address.";
      }
      return errors;
    }

    async submit(form) {
      this.clearErrors();
      this.status.textContent = "";
      this.status.classList.remove("success");
      const values = Object.fromEntries(Object.entries(this.fields).map(([name, control]) => [name, control.value]));
      const problems = this.localErrors(values);
      if (Object.keys(problems).length) return this.showErrors(problems);
      const button = form.querySelector("button[type=submit]");
      button.disabled = true;
      const body = {
        ...values,
        website: this.honeypot.value,
        notify: this.notify.checked,
        form_token: await this.currentFormToken(),
        parent: this.replyTo ? this.replyTo.id : null,
        commenter_token: storage.get(COMMENTER_TOKEN) || undefined,
      };
      try {
        const response = await fetch(this.commentsUrl(0), {
          method: "POST",
          headers: { "Content-Type": "application/json", Accept: "application/json" },
          body: JSON.stringify(body),
          credentials: this.credentials,
        });
        const data = await response.json().catch(() => ({}));
        this.answer(response, data, form);
      } catch (error) {
        this.formError.textContent = "Your comment could not be sent. Please check your connection and try again.";
        this.formError.hidden = false;
      } finally {
        button.disabled = false;
      }
    }

    answer(response, data, form) {
      if (response.status === 202) {
        form.reset();
        this.cancelReply();
        if (data.status === "approved") {
          this.load().then(() => this.thank("Thank you! Your comment is published."));
        } else {
          this.fetchFormToken();
          this.thank("Thank you! Your comment is awaiting approval and will appear once the clinic has read it.");
        }
      } else if (response.status === 400) {
        this.showErrors(data);
      } else if (response.status === 429) {
        const seconds = Number(response.headers.get("Retry-After")) || 60;
        this.showErrors({ non_field_errors: `You have sent several comments in a short time. Please try again in ${seconds} seconds.` });
      } else {
        this.showErrors({ non_field_errors: data.detail || "Your comment could not be sent. Please try again later." });
      }
    }

    /* The success message: announced by the live region, set apart, and scrolled into view. */
    thank(message) {
      this.status.textContent = message;
      this.status.classList.add("success");
      this.status.scrollIntoView({ block: "nearest", behavior: "smooth" });
    }
  }

  /* The commenter token a confirmation link hands out (docs/moderation.md, Trust). */
  window.clinicWidget = {
    rememberCommenterToken(token) {
      storage.set(COMMENTER_TOKEN, token);
    },
  };

  if (!customElements.get("clinic-article")) customElements.define("clinic-article", ClinicArticle);
  if (!customElements.get("clinic-comments")) customElements.define("clinic-comments", ClinicComments);
})();
