/**
 * An article of the CMS as server-rendered HTML: every body block type, typed by the OpenAPI
 * snapshot (a new block type the API adds fails the type check here until it is rendered). Only
 * the API's sanitised HTML fields (paragraphs, FAQ answers) are set as HTML; the rest is text.
 */
import type { Article, Schemas } from "@clinic/cms-client";

type Block = Schemas["BodyBlock"];
type Severity = Schemas["SeverityEnum"];
type Urgency = Schemas["UrgencyEnum"];

const SEVERITIES: Record<Severity, string> = {
  avoid: "Avoid massage",
  clearance: "Needs medical clearance first",
  modify: "Massage with modifications",
};
const URGENCIES: Record<Urgency, string> = {
  emergency: "Emergency: seek care now",
  urgent: "Urgent: see a doctor before massage",
  routine: "Routine: mention it at the next appointment",
};

export function ArticleBody({ article }: { article: Article }) {
  return (
    <article>
      <header>
        <h1>{article.title}</h1>
        <p className="summary">{article.summary}</p>
        {article.author ? <p className="meta">By {article.author.name}</p> : null}
        {article.reviewed_by ? <p className="meta">Medically reviewed by {article.reviewed_by.name}</p> : null}
      </header>
      {article.body.map((block) => (
        <BodyBlock key={block.id} block={block} />
      ))}
    </article>
  );
}

function Section({ value, children }: { value: { heading: string; intro: string }; children: React.ReactNode }) {
  return (
    <section>
      <h2>{value.heading}</h2>
      {value.intro ? <p>{value.intro}</p> : null}
      {children}
    </section>
  );
}

function BodyBlock({ block }: { block: Block }): React.ReactNode {
  switch (block.type) {
    case "heading":
      return block.value.level === "h3" ? <h3>{block.value.text}</h3> : <h2>{block.value.text}</h2>;
    case "paragraph":
      return <div dangerouslySetInnerHTML={{ __html: block.value }} />;
    case "image": {
      const image = block.value.image;
      if (!image) return null;
      const large = image.renditions.large;
      return (
        <figure>
          <img src={large.url} width={large.width} height={large.height} alt={image.alt} loading="lazy" />
          {block.value.caption ? <figcaption>{block.value.caption}</figcaption> : null}
        </figure>
      );
    }
    case "quote":
      return (
        <figure>
          <blockquote>{block.value.text}</blockquote>
          {block.value.attribution ? <figcaption>— {block.value.attribution}</figcaption> : null}
        </figure>
      );
    case "causes":
      return (
        <Section value={block.value}>
          <ul>
            {block.value.items.map((item) => (
              <li key={item.name}>
                <strong>{item.name}</strong>
                {item.description ? `: ${item.description}` : null}
              </li>
            ))}
          </ul>
        </Section>
      );
    case "benefits":
      return (
        <Section value={block.value}>
          {block.value.items.map((item) => (
            <div key={item.title}>
              <h3>{item.title}</h3>
              <p>{item.explanation}</p>
              {item.mechanism ? <p className="note">{item.mechanism}</p> : null}
            </div>
          ))}
        </Section>
      );
    case "techniques":
      return (
        <Section value={block.value}>
          <ul>
            {block.value.items.map((item) => (
              <li key={item.technique.slug}>
                <strong>{item.technique.name}</strong>
                {item.technique.summary ? ` — ${item.technique.summary}` : null}
                {item.application ? <p className="note">{item.application}</p> : null}
              </li>
            ))}
          </ul>
        </Section>
      );
    case "contraindications":
      return (
        <Section value={block.value}>
          <ul>
            {block.value.items.map((item) => (
              <li key={item.condition} className={`contraindication severity-${item.severity}`}>
                <span className="badge">{SEVERITIES[item.severity]}</span> <strong>{item.condition}</strong>
                {item.guidance ? <p className="note">{item.guidance}</p> : null}
              </li>
            ))}
          </ul>
        </Section>
      );
    case "evidence": {
      const value = block.value;
      const link = value.doi ? `https://doi.org/${value.doi}` : value.url;
      return (
        <figure className="evidence">
          <blockquote>{value.finding}</blockquote>
          <figcaption>
            Source: <cite>{[value.authors, value.title, value.journal, value.year].filter(Boolean).join(". ")}</cite>
            {link ? (
              <>
                {". "}
                <a href={link} rel="noopener">
                  {value.doi ? `doi:${value.doi}` : "Read the study"}
                </a>
              </>
            ) : null}
          </figcaption>
        </figure>
      );
    }
    case "warning":
      return (
        <aside className={`warning ${block.value.urgency}`} aria-label={block.value.heading || URGENCIES[block.value.urgency]}>
          <p>
            <strong>{block.value.heading || URGENCIES[block.value.urgency]}</strong>
          </p>
          <p>{block.value.text}</p>
        </aside>
      );
    case "care_plan":
      return (
        <Section value={block.value}>
          <ol>
            {block.value.items.map((item) => (
              <li key={item.title}>
                <strong>{item.title}</strong>
                {item.description ? <p>{item.description}</p> : null}
              </li>
            ))}
          </ol>
        </Section>
      );
    case "faq":
      return (
        <section>
          <h2>Frequently asked questions</h2>
          {block.value.items.map((item) => (
            <details key={item.question}>
              <summary>{item.question}</summary>
              <div dangerouslySetInnerHTML={{ __html: item.answer }} />
            </details>
          ))}
        </section>
      );
    case "call_to_action":
      return (
        <aside aria-label={block.value.label}>
          <a className="cta" href={block.value.url}>
            {block.value.label}
          </a>
        </aside>
      );
    case "table":
      return (
        <table>
          {block.value.caption ? <caption>{block.value.caption}</caption> : null}
          <tbody>
            {block.value.rows.map((row, rowIndex) => (
              <tr key={rowIndex}>
                {row.map((cell, cellIndex) =>
                  (block.value.first_row_is_header && rowIndex === 0) ||
                  (block.value.first_column_is_header && cellIndex === 0) ? (
                    <th key={cellIndex} scope={rowIndex === 0 ? "col" : "row"}>
                      {cell}
                    </th>
                  ) : (
                    <td key={cellIndex}>{cell}</td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      );
    case "embed":
      // A YouTube or Vimeo player where the CMS built one; otherwise a link to the video.
      return block.value.player_url ? (
        <iframe
          src={block.value.player_url}
          title={`Video (${block.value.provider})`}
          allow="fullscreen; picture-in-picture"
          loading="lazy"
        />
      ) : (
        <p>
          <a href={block.value.url}>Watch the video</a>
        </p>
      );
    default:
      return unrendered(block);
  }
}

/** Every block type is rendered above: a type the API adds makes this call a type error. */
function unrendered(block: never): null {
  return block;
}
