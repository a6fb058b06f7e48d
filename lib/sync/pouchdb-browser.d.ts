declare module 'pouchdb-browser' {
  const PouchDB: import('./pouch-types').PouchStatic;
  export default PouchDB;
}
