/** Okabe–Ito colours (told apart with the common colour-vision deficiencies); each line is also dashed differently. */
const COLORS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#56B4E9", "#E69F00", "#000000"];
const DASHES = ["", "6 3", "2 3", "8 3 2 3"];

/** The stroke and dash of the i-th system, shared by the charts and the table's key. */
export const seriesStyle = (i: number) => ({ stroke: COLORS[i % COLORS.length]!, dash: DASHES[i % DASHES.length]! });
