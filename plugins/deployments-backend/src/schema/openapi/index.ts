export { spec, createOpenApiRouter } from './generated/router';
