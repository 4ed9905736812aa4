import { useRef } from 'react';
import Box from '@mui/material/Box';

export interface LineProblem {
  line?: number | null;
  message: string;
}

/**
 * A plain-text YAML editor with a line-number gutter; lines with a problem are marked in the
 * gutter and their message is shown as the marker's title.
 */
export function YamlEditor({ value, onChange, problems }: { value: string; onChange: (v: string) => void; problems: LineProblem[] }) {
  const gutter = useRef<HTMLDivElement>(null);
  const lines = value.split('\n').length;
  const bad = new Map<number, string>();
  for (const p of problems) if (p.line) bad.set(p.line, (bad.get(p.line) ? bad.get(p.line) + '\n' : '') + p.message);
  return (
    <Box sx={{ display: 'flex', border: 1, borderColor: 'divider', borderRadius: 1, height: 420, overflow: 'hidden', fontFamily: 'monospace', fontSize: 13, lineHeight: '20px' }}>
      <Box ref={gutter} sx={{ overflow: 'hidden', bgcolor: 'action.hover', textAlign: 'right', py: 1, userSelect: 'none', minWidth: 44 }} aria-hidden>
        {Array.from({ length: lines }, (_, i) => (
          <Box key={i} data-line={i + 1} data-bad={bad.has(i + 1) || undefined} title={bad.get(i + 1)} sx={{ px: 1, color: bad.has(i + 1) ? 'error.contrastText' : 'text.secondary', bgcolor: bad.has(i + 1) ? 'error.main' : undefined }}>
            {i + 1}
          </Box>
        ))}
      </Box>
      <Box
        component="textarea"
        spellCheck={false}
        value={value}
        aria-label="scenario YAML"
        data-testid="yaml"
        onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => onChange(e.target.value)}
        onScroll={(e: React.UIEvent<HTMLTextAreaElement>) => {
          if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop;
        }}
        sx={{ flex: 1, border: 0, outline: 0, resize: 'none', p: 1, font: 'inherit', lineHeight: 'inherit', bgcolor: 'background.paper', color: 'text.primary', whiteSpace: 'pre', overflow: 'auto' }}
      />
    </Box>
  );
}
