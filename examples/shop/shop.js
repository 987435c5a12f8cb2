/*
 * The example shop's glue: which CMS and which article the page shows, then the widget itself.
 *
 *   http://localhost:3000/                                        the demo article, CMS at 127.0.0.1:8000
 *   http://localhost:3000/?slug=another-article                   another article
 *   http://localhost:3000/?api=http://192.168.1.20:8001           another CMS
 *   http://localhost:3000/preview/?token=...                      the admin's Preview (docs/widget.md)
 *   http://localhost:3000/?proxy=/apps/clinic                     comments through a Shopify app proxy
 *                                                                 on this origin (docs/shopify.md)
 *
 * Without `?api=`, the CMS is the page's <meta name="clinic-api">: the one place to change for
 * a shop of your own. The widget is loaded from that CMS, as a real shop page would load it.
 */
(() => {
  "use strict";

  const params = new URLSearchParams(location.search);
  const meta = document.querySelector('meta[name="clinic-api"]');
  const api = (params.get("api") || (meta && meta.content) || "").replace(/\/+$/, "");
  const slug = params.get("slug");
  const proxy = params.get("proxy");

  for (const element of document.querySelectorAll("clinic-article, clinic-comments")) {
    element.setAttribute("api", api);
    if (slug) element.setAttribute("slug", slug);
  }
  if (proxy) document.querySelector("clinic-comments")?.setAttribute("proxy", proxy);

  const widget = document.createElement("script");
  widget.src = `${api}/static/clinic-widget/clinic-widget.js`;
  widget.defer = true;
  widget.addEventListener("error", () => {
    const message = `The widget could not be loaded from ${api}: is the CMS running there? ` +
      "Give its address as ?api=http://host:port.";
    console.error(`example shop: ${message}`);
    for (const element of document.querySelectorAll("clinic-article, clinic-comments")) {
      element.replaceChildren(Object.assign(document.createElement("p"), { role: "alert", textContent: message }));
    }
  });
  document.head.append(widget);
})();
