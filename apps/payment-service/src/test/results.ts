export { errorOf, valueOf } from "@shop/service-kit/test-fixtures";
