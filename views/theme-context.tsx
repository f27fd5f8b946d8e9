import { Text, type TextProps } from 'ink';
import { createContext, type ReactNode, useContext } from 'react';
import { makeTheme, type Theme, type ToneName } from './theme';

// Default is colour + Unicode, so a component rendered without a provider (a quick test) still looks normal.
const ThemeContext = createContext<Theme>(makeTheme());

export function ThemeProvider({ theme, children }: { theme: Theme; children: ReactNode }) {
  return <ThemeContext.Provider value={theme}>{children}</ThemeContext.Provider>;
}

export function useTheme(): Theme {
  return useContext(ThemeContext);
}

/** Ink Text props that carry a tone's colour, or none at all when colour is off. */
export function toneProps(theme: Theme, tone: ToneName | undefined): Pick<TextProps, 'color' | 'dimColor'> {
  if (!tone) return {};
  // Dim is an attribute, not a colour, so muted text stays quieter on a NO_COLOR terminal.
  if (!theme.color) return tone === 'muted' ? { dimColor: true } : {};
  return { color: theme.colors[tone] };
}

export type ToneProps = Omit<TextProps, 'color' | 'backgroundColor'> & {
  readonly tone?: ToneName;
  /** Prefix the tone's text symbol ("[X] "), for states that must read without colour. */
  readonly symbol?: boolean;
};

/** Text in a semantic tone. The only way views colour text, so NO_COLOR is honoured everywhere. */
export function Tone({ tone, symbol, children, ...rest }: ToneProps) {
  const theme = useTheme();
  const prefix = symbol && tone && theme.symbols[tone] ? `${theme.symbols[tone]} ` : '';
  return (
    <Text {...rest} {...toneProps(theme, tone)}>
      {prefix}
      {children}
    </Text>
  );
}
