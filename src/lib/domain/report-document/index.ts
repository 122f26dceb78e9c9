/** The periodic report as an administrative document: draft record, prefill and layout model. */
export * from './words';
export * from './schema';
export * from './findings';
export * from './sentences';
export * from './prefill';
export * from './document';
export * from './draft';
export * from './blanks';
export * from './moved';
