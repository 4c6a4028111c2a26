import { STATUS_FILTERS, type DashboardQuery, type StatusFilter } from "@/lib/admin/dashboard";
import { LiveFilterForm } from "./live-filter-form";

type Props = { query: DashboardQuery; counts: Record<StatusFilter, number>; topics: string[]; tags: string[] };

const STATUS_NAMES: Record<StatusFilter, string> = {
  all: "All",
  published: "Published",
  draft: "Drafts",
  scheduled: "Scheduled",
  expired: "Expired",
  invalid: "Invalid",
  featured: "Featured",
};

const number = new Intl.NumberFormat("en-US");

/** The dashboard's filters: status (with counts), text over title and slug, topic, tag and sort, as a GET form. */
export function DashboardFilters({ query, counts, topics, tags }: Props) {
  return (
    <LiveFilterForm action="/admin" label="Filter posts" defaults={{ status: "all", sort: "date" }}>
      <span className="admin-filters__field">
        <label htmlFor="filter-status">Status</label>
        <select id="filter-status" name="status" defaultValue={query.status}>
          {STATUS_FILTERS.map((s) => (
            <option key={s} value={s}>
              {STATUS_NAMES[s]} ({number.format(counts[s])})
            </option>
          ))}
        </select>
      </span>
      <span className="admin-filters__field">
        <label htmlFor="filter-q">Search</label>
        <input id="filter-q" name="q" type="search" defaultValue={query.q} placeholder="Title or slug" maxLength={200} />
      </span>
      <span className="admin-filters__field">
        <label htmlFor="filter-topic">Topic</label>
        <input id="filter-topic" name="topic" list="filter-topics" defaultValue={query.topic} maxLength={100} />
        <datalist id="filter-topics">
          {topics.map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
      </span>
      <span className="admin-filters__field">
        <label htmlFor="filter-tag">Tag</label>
        <input id="filter-tag" name="tag" list="filter-tags" defaultValue={query.tag} maxLength={100} />
        <datalist id="filter-tags">
          {tags.map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
      </span>
      <span className="admin-filters__field">
        <label htmlFor="filter-sort">Sort by</label>
        <select id="filter-sort" name="sort" defaultValue={query.sort}>
          <option value="date">Date, newest first</option>
          <option value="title">Title, A to Z</option>
          <option value="changed">Last change, newest first</option>
        </select>
      </span>
      <button type="submit" className="button">
        Filter
      </button>
    </LiveFilterForm>
  );
}
