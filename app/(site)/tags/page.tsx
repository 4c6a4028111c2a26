import { termIndexRoute } from "../term-routes";

const route = termIndexRoute("tags");

export const revalidate = 60;
export const metadata = route.metadata;
export default route.Page;
