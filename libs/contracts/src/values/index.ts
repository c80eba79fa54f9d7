export * from './nhs-number';
export * from './uk-mobile';
