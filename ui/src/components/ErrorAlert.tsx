import Alert from '@mui/material/Alert';
import { ApiError } from '../api/client';

/** The node's own message for a failed call (and the field it names). */
export function ErrorAlert({ error }: { error: unknown }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  const field = error instanceof ApiError && error.field ? ` [${error.field}]` : '';
  return (
    <Alert severity="error" data-testid="api-error" sx={{ my: 1, wordBreak: 'break-word' }}>
      {message}
      {field}
    </Alert>
  );
}
