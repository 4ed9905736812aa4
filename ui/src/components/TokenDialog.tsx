import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useQueryClient } from '@tanstack/react-query';
import { useState, useSyncExternalStore, type FormEvent } from 'react';
import { setToken, subscribeToken, tokenRefusal } from '../api/token';

/**
 * Opens when the node answers 401: asks for its API token (IOT_SIM_API_TOKEN of the node), keeps
 * it for this tab (sessionStorage) and reloads every query with it; streams reconnect by
 * themselves. A wrong token is refused again and the dialog comes back with the node's message.
 */
export function TokenDialog() {
  const refusal = useSyncExternalStore(subscribeToken, tokenRefusal);
  const queries = useQueryClient();
  const [value, setValue] = useState('');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!value.trim()) return;
    setToken(value);
    setValue('');
    void queries.invalidateQueries();
  };

  return (
    <Dialog open={refusal !== null} aria-labelledby="token-dialog-title" data-testid="token-dialog">
      <form onSubmit={submit}>
        <DialogTitle id="token-dialog-title">API token</DialogTitle>
        <DialogContent>
          <Alert severity="warning" sx={{ mb: 2 }} data-testid="token-refusal">
            {refusal}
          </Alert>
          <Typography variant="body2" sx={{ mb: 1 }}>
            This node requires a bearer token (its IOT_SIM_API_TOKEN or token file). It is kept for this browser tab only.
          </Typography>
          <TextField
            autoFocus
            fullWidth
            type="password"
            label="Token"
            autoComplete="off"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            slotProps={{ htmlInput: { 'data-testid': 'token-input' } }}
          />
        </DialogContent>
        <DialogActions>
          <Button type="submit" variant="contained" disabled={!value.trim()}>
            Connect
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
