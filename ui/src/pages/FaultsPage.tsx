import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Grid from '@mui/material/Grid';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { calls, type FaultRequest } from '../api/client';
import { useActiveFaults } from '../hooks/queries';
import { useStream } from '../hooks/useStream';
import { ErrorAlert } from '../components/ErrorAlert';
import { parseLabels } from '../components/labels';
import { duration, num, simTime } from '../components/format';

const TYPES: FaultRequest['fault_type'][] = ['disconnect', 'latency_spike', 'data_corruption', 'battery_drain', 'clock_drift'];
const PARAMS: Record<string, string> = {
  disconnect: 'reason=maintenance',
  latency_spike: 'latency_ms=500',
  data_corruption: 'corruption_rate=0.2',
  battery_drain: 'drain_multiplier=10',
  clock_drift: 'drift_rate_ms_per_sec=50',
};

interface Event {
  device_id?: string;
  device_type?: string;
  event_type: string;
  message?: string;
  timestamp: string;
  metadata?: Record<string, string>;
}

/** Numbers where they look like numbers: the node checks each parameter's type. */
function params(text: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(parseLabels(text))) out[k] = v !== '' && !isNaN(Number(v)) ? Number(v) : v;
  return out;
}

export function FaultsPage() {
  const [type, setType] = useState<FaultRequest['fault_type']>('disconnect');
  const [selector, setSelector] = useState('');
  const [length, setLength] = useState('60s');
  const [paramText, setParamText] = useState(PARAMS.disconnect);
  const [feedTypes, setFeedTypes] = useState('fault_injected,fault_cleared,error,scenario_step,spawned,stopped,paused,resumed');
  const active = useActiveFaults();
  const client = useQueryClient();
  const inject = useMutation({
    mutationFn: () =>
      calls.inject({ ...(selector.trim() ? { selector: selector.trim() } : { all: true }), fault_type: type, duration: length, params: params(paramText) } as FaultRequest),
    onSuccess: () => client.invalidateQueries({ queryKey: ['faults'] }),
  });
  const events = useStream<Event>(`/api/v1/events/stream?event_types=${encodeURIComponent(feedTypes.replace(/\s+/g, ''))}`, 200, 300);

  return (
    <Grid container spacing={1.5}>
      <Grid size={{ xs: 12, md: 5 }}>
        <Paper variant="outlined" sx={{ p: 1.5 }} component="form" onSubmit={(e) => (e.preventDefault(), inject.mutate())} aria-label="inject a fault">
          <Typography variant="subtitle2" gutterBottom>
            Inject a fault
          </Typography>
          <Box sx={{ display: 'grid', gap: 1.5 }}>
            <TextField
              select
              size="small"
              label="fault type"
              value={type}
              onChange={(e) => {
                setType(e.target.value as FaultRequest['fault_type']);
                setParamText(PARAMS[e.target.value] ?? '');
              }}
              slotProps={{ htmlInput: { 'data-testid': 'fault-type' } }}
            >
              {TYPES.map((t) => (
                <MenuItem key={t} value={t}>
                  {t}
                </MenuItem>
              ))}
            </TextField>
            <TextField size="small" label="selection (selector; empty = all)" value={selector} onChange={(e) => setSelector(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'fault-selector' } }} />
            <TextField size="small" label="duration (simulated)" value={length} onChange={(e) => setLength(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'fault-duration' } }} />
            <TextField size="small" label="parameters (k=v, …)" value={paramText} onChange={(e) => setParamText(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'fault-params' } }} />
            <Button type="submit" variant="contained" color="warning" disabled={inject.isPending} data-testid="inject">
              Inject
            </Button>
          </Box>
          <ErrorAlert error={inject.error} />
          {inject.data && (
            <Alert severity="success" sx={{ mt: 1 }} data-testid="inject-result">
              {type} injected into {num(inject.data.affected_devices)} device(s)
            </Alert>
          )}
        </Paper>
      </Grid>
      <Grid size={{ xs: 12, md: 7 }}>
        <Paper variant="outlined" sx={{ p: 1.5, overflowX: 'auto' }}>
          <Typography variant="subtitle2">Active faults {active.data && <Typography component="span" variant="caption" color="text.secondary">· sim {simTime(active.data.sim_time)}</Typography>}</Typography>
          {active.isPending && <LinearProgress aria-label="loading" />}
          <ErrorAlert error={active.error} />
          <Table size="small" data-testid="active-faults">
            <TableHead>
              <TableRow>
                <TableCell>fault</TableCell>
                <TableCell align="right">devices</TableCell>
                <TableCell>remaining (sim)</TableCell>
                <TableCell>ends</TableCell>
                <TableCell>parameters</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {(active.data?.faults ?? []).map((f) => (
                <TableRow key={`${f.fault_type}/${f.started_at}/${f.ends_at}/${JSON.stringify(f.params)}`} data-fault={f.fault_type}>
                  <TableCell>
                    {f.fault_type}
                    <Typography variant="caption" sx={{ display: "block" }} color="text.secondary">
                      {f.device_types.join(', ')}
                    </Typography>
                  </TableCell>
                  <TableCell align="right">{num(f.devices)}</TableCell>
                  <TableCell>{duration(f.remaining_seconds)}</TableCell>
                  <TableCell>{simTime(f.ends_at)}</TableCell>
                  <TableCell>
                    {Object.entries(f.params).map(([k, v]) => (
                      <Chip key={k} size="small" label={`${k}=${v}`} sx={{ mr: 0.5 }} />
                    ))}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {active.data?.faults.length === 0 && <Typography color="text.secondary">No active faults.</Typography>}
          {!!active.data?.lost_events && <Alert severity="warning">{num(active.data.lost_events)} fault events were missed under load: device counts may be low.</Alert>}
          {!!active.data?.missing_nodes?.length && <Alert severity="warning" data-testid="faults-partial">Partial: no answer from {active.data.missing_nodes.join(', ')}; their devices' faults are not counted.</Alert>}
        </Paper>
      </Grid>
      <Grid size={12}>
        <Paper variant="outlined" sx={{ p: 1.5 }}>
          <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
            <Typography variant="subtitle2">Live events</Typography>
            <Chip size="small" color={events.connected ? 'success' : 'default'} label={events.connected ? 'connected' : 'connecting…'} />
            <Chip size="small" color={events.dropped ? 'warning' : 'default'} label={`dropped ${num(events.dropped)}`} />
            <TextField size="small" label="event types" value={feedTypes} onChange={(e) => setFeedTypes(e.target.value)} sx={{ flex: 1, minWidth: 220 }} />
          </Box>
          <ErrorAlert error={events.error} />
          <Box sx={{ maxHeight: 360, overflow: 'auto', mt: 1 }}>
            <Table size="small" data-testid="events">
              <TableBody>
                {[...events.items].reverse().map((e, i) => (
                  <TableRow key={events.received - i} data-event={e.event_type}>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{simTime(e.timestamp)}</TableCell>
                    <TableCell>{e.event_type}</TableCell>
                    <TableCell>{e.device_id}</TableCell>
                    <TableCell>{e.message}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            {events.items.length === 0 && <Typography color="text.secondary">No events yet.</Typography>}
          </Box>
        </Paper>
      </Grid>
    </Grid>
  );
}
