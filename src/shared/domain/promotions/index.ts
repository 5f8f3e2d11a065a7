// The promotions model (model.ts), its wire (wire.ts), the decisions (book.ts) and the fair draw (draw.ts).
export * from './model';
export * from './wire';
export * from './book';
export * from './draw';
export * from './merchant';
export * from './shop';
export * from './view';
