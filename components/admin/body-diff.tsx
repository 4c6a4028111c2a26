import type { DiffPart } from "@/lib/admin/history/compare";

type Props = { parts: DiffPart[] };

/** Unchanged lines kept around each change; longer unchanged runs are folded. */
const CONTEXT = 3;

function lines(text: string): string[] {
  const all = text.split("\n");
  if (all.at(-1) === "") all.pop();
  return all;
}

/** A body's line diff: removed lines struck out (`del`), added ones marked (`ins`), long unchanged runs folded. */
export function BodyDiff({ parts }: Props) {
  return (
    <pre className="body-diff">
      {parts.map((part, i) => {
        const text = lines(part.text);
        if (part.kind === "added") return text.map((line, j) => <ins key={`${i}-${j}`}>{`+ ${line}\n`}</ins>);
        if (part.kind === "removed") return text.map((line, j) => <del key={`${i}-${j}`}>{`- ${line}\n`}</del>);
        const head = i === 0 ? [] : text.slice(0, CONTEXT);
        const tail = i === parts.length - 1 ? [] : text.slice(-CONTEXT);
        if (head.length + tail.length >= text.length) return <span key={i}>{text.map((line) => `  ${line}\n`).join("")}</span>;
        const folded = text.length - head.length - tail.length;
        return (
          <span key={i}>
            {head.map((line) => `  ${line}\n`).join("")}
            <span className="body-diff__fold">{`  … ${folded} unchanged line${folded === 1 ? "" : "s"} …\n`}</span>
            {tail.map((line) => `  ${line}\n`).join("")}
          </span>
        );
      })}
    </pre>
  );
}
