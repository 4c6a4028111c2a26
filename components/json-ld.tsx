type Props = { data: Record<string, unknown> };

/** Structured data for search engines. `<` is escaped so a title can never close the script element. */
export function JsonLd({ data }: Props) {
  const json = JSON.stringify(data).replace(/</g, "\\u003c");
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: json }} />;
}
