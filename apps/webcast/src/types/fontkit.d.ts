// The part of fontkit 2 the webcast uses (the package ships no types).
declare module 'fontkit' {
  export interface Font {
    readonly unitsPerEm: number;
    layout(text: string): { readonly advanceWidth: number };
  }
  export function openSync(path: string): Font | { fonts: Font[] };
}
