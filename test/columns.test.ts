// Terminal columns: Chinese characters take two, colour codes none, and a cut never splits a character.

import { describe, expect, it } from 'vitest';
import { displayWidth, fit, padEnd } from '../src/report/columns.ts';

describe('terminal columns', () => {
  it('counts East Asian wide characters as two columns and ANSI colour as none', () => {
    expect(displayWidth('P2.1')).toBe(4);
    expect(displayWidth('零售實務網站')).toBe(12);
    expect(displayWidth('零售 AWS')).toBe(8);
    expect(displayWidth('\x1b[32m通過\x1b[0m')).toBe(4);
  });

  it('pads to a width in columns, so mixed lines end in the same column', () => {
    const lines = [padEnd('案例研究：', 20), padEnd('Case studies:', 20), padEnd('思想領導力：', 20)];
    expect(lines.map(displayWidth)).toEqual([20, 20, 20]);
    expect(padEnd('超過寬度的文字', 4)).toBe('超過寬度的文字');
  });

  it('cuts to a width in columns with an ellipsis, never half a wide character', () => {
    expect(fit('零售業成功案例', 8)).toBe('零售業…');
    expect(displayWidth(fit('零售業成功案例', 8))).toBe(7);
    expect(fit('retail case studies', 10)).toBe('retail ca…');
    expect(fit('短', 10)).toBe('短');
    expect(fit('👩‍👩‍👧 family', 3)).toBe('👩‍👩‍👧…');
  });
});
