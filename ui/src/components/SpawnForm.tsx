import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { calls } from '../api/client';
import { useProfiles } from '../hooks/queries';
import { ErrorAlert } from './ErrorAlert';
import { parseLabels } from './labels';

/** Spawns devices from a catalog profile, with a preview of the profile's fields. */
export function SpawnForm() {
  const profiles = useProfiles();
  const [profile, setProfile] = useState('');
  const [count, setCount] = useState('10');
  const [labels, setLabels] = useState('');
  const client = useQueryClient();
  const spawn = useMutation({
    mutationFn: () => calls.spawn({ profile, count: Number(count), labels: parseLabels(labels) }),
    onSuccess: () => client.invalidateQueries(),
  });
  const chosen = profiles.data?.find((p) => p.name === profile);
  return (
    <Paper variant="outlined" sx={{ p: 1.5 }} component="form" onSubmit={(e) => (e.preventDefault(), spawn.mutate())} aria-label="spawn devices">
      <Typography variant="subtitle2" gutterBottom>
        Spawn devices
      </Typography>
      <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'center' }}>
        <TextField
          select
          size="small"
          label="profile"
          value={profile}
          onChange={(e) => setProfile(e.target.value)}
          sx={{ minWidth: 200 }}
          slotProps={{ htmlInput: { 'data-testid': 'spawn-profile' } }}
          helperText={profiles.isPending ? 'loading the catalog…' : undefined}
        >
          {(profiles.data ?? []).map((p) => (
            <MenuItem key={p.name} value={p.name} disabled={!!p.error}>
              {p.name}
            </MenuItem>
          ))}
        </TextField>
        <TextField size="small" label="count" type="number" value={count} onChange={(e) => setCount(e.target.value)} sx={{ width: 110 }} slotProps={{ htmlInput: { min: 1, 'data-testid': 'spawn-count' } }} />
        <TextField size="small" label="labels (k=v, …)" value={labels} onChange={(e) => setLabels(e.target.value)} sx={{ minWidth: 200, flex: 1 }} slotProps={{ htmlInput: { 'data-testid': 'spawn-labels' } }} />
        <Button type="submit" variant="contained" disabled={!profile || spawn.isPending} data-testid="spawn-submit">
          Spawn
        </Button>
      </Box>
      {chosen && (
        <Box sx={{ mt: 1 }} data-testid="profile-preview">
          <Typography variant="caption" color="text.secondary">
            {chosen.device_type} · {chosen.protocol} · every {chosen.telemetry_interval} · fields:
          </Typography>{' '}
          {(chosen.fields ?? []).map((f) => (
            <Chip key={f} size="small" label={f} sx={{ mr: 0.5 }} />
          ))}
        </Box>
      )}
      <ErrorAlert error={spawn.error} />
      {spawn.data && (
        <Alert severity="success" sx={{ mt: 1 }} data-testid="spawn-result">
          Spawned {spawn.data.count} × {spawn.data.device_type}: {spawn.data.first_device_id} … {spawn.data.last_device_id}
        </Alert>
      )}
    </Paper>
  );
}
