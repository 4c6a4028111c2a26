import { termRoute } from "../../term-routes";

const route = termRoute("topics");

export const revalidate = 60;
export const generateStaticParams = route.generateStaticParams;
export const generateMetadata = route.generateMetadata;
export default route.Page;
