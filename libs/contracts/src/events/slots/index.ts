export * from './slot-values';
export * from './slots-published.v1';
export * from './slots-withdrawn.v1';
export * from './slots-reserved.v1';
export * from './slots-released.v1';
