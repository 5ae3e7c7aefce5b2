// Feature modules, one per domain area. Add new areas here.
export const featureModules = [];
