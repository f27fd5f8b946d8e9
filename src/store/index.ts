export { mergeData } from './merge';
export { RackStore, type StoreOptions } from './rack-store';
