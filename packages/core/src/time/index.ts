export { MIN_TIMESTAMP, MAX_TIMESTAMP, END_OF_GLOBAL_WINDOW, type Instant } from "./Instant";
export { millis, seconds, minutes, hours, days, type Duration } from "./Duration";
