export { startPlatform } from './start-platform';
