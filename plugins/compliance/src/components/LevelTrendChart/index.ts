export { LevelTrendChart } from './LevelTrendChart';
