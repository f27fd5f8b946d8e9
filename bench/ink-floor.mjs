// The Ink floor of the start-up benchmark: a bare Ink app that renders one line, started the way rackpilot is
// (one esbuild bundle, production React, the same render options: commands/tui-render-options.ts, the only
// part of the program it imports) so that rackpilot's first frame can be read as
// a multiple of what any Ink program costs on this machine at this moment. Bundled by bench/floors.mjs.
import { render, Text } from 'ink';
import { createElement } from 'react';
import { TUI_RENDER_OPTIONS } from '../commands/tui-render-options.ts';

render(createElement(Text, null, 'q quit [1 Overview]'), TUI_RENDER_OPTIONS);
