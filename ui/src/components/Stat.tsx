import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';

/** One number with its label (data-stat names it for the browser tests). */
export function Stat({ label, value, id, children }: { label: string; value: ReactNode; id: string; children?: ReactNode }) {
  return (
    <Paper variant="outlined" sx={{ p: 1.5, height: '100%' }}>
      <Typography variant="caption" color="text.secondary">
        {label}
      </Typography>
      <Typography variant="h5" data-stat={id} sx={{ fontVariantNumeric: 'tabular-nums' }}>
        {value}
      </Typography>
      {children}
    </Paper>
  );
}
