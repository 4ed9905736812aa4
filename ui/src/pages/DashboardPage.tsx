import { useEffect, useRef, useState } from 'react';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import Grid from '@mui/material/Grid';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useFleet, useRuntimeStatus } from '../hooks/queries';
import { ErrorAlert } from '../components/ErrorAlert';
import { Stat } from '../components/Stat';
import { TimeChart, type Series } from '../components/TimeChart';
import { bytes, duration, num, simTime } from '../components/format';
import type { RuntimeStatus } from '../api/client';

/** Readings a second between successive status polls, the last 120 of them. */
function useReadingRate(status: RuntimeStatus | undefined): { now: number | undefined; series: Series[] } {
  const last = useRef<{ t: number; total: number } | null>(null);
  const [points, setPoints] = useState<[number, number][]>([]);
  const [now, setNow] = useState<number>();
  useEffect(() => {
    if (!status || status.readings_total === undefined) return;
    const t = Date.now() / 1000;
    const prev = last.current;
    last.current = { t, total: status.readings_total };
    if (prev && t > prev.t) {
      const rate = Math.max(0, (status.readings_total - prev.total) / (t - prev.t));
      setNow(rate);
      setPoints((p) => [...p.slice(-119), [t, rate]]);
    }
  }, [status]);
  return { now, series: [{ label: 'readings/s', points }] };
}

export function DashboardPage() {
  const status = useRuntimeStatus();
  const fleet = useFleet();
  const s = status.data;
  const f = fleet.data;
  const rate = useReadingRate(s);
  if (status.isPending || fleet.isPending) {
    return <CircularProgress aria-label="loading" />;
  }
  const state = (k: string) => f?.by_state?.[k] ?? 0;
  return (
    <Box>
      <ErrorAlert error={status.error ?? fleet.error} />
      <Grid container spacing={1.5}>
        <Grid size={{ xs: 6, md: 3 }}>
          <Stat label="Devices" id="total" value={num(f?.total_devices)}>
            <Typography variant="caption" color="text.secondary">
              of {num(f?.max_devices)} max
            </Typography>
          </Stat>
        </Grid>
        <Grid size={{ xs: 6, md: 3 }}>
          <Stat label="Running" id="running" value={num(state('running'))} />
        </Grid>
        <Grid size={{ xs: 6, md: 3 }}>
          <Stat label="Paused" id="paused" value={num(state('paused'))} />
        </Grid>
        <Grid size={{ xs: 6, md: 3 }}>
          <Stat label="Errored" id="error" value={num(state('error'))} />
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <Stat label="Readings / s (now)" id="rate" value={rate.now === undefined ? '…' : num(rate.now)}>
            <TimeChart series={rate.series} height={60} compact />
            <Typography variant="caption" color="text.secondary">
              {num(s?.readings_total)} readings, {num(s?.messages_sent_total)} messages sent ({num(s?.messages_per_second)}/s)
            </Typography>
          </Stat>
        </Grid>
        <Grid size={{ xs: 6, md: 3 }}>
          <Stat label="Heap" id="heap" value={bytes(s?.heap_used_bytes)}>
            <Typography variant="caption" color="text.secondary">
              of {bytes(s?.heap_max_bytes)} · {num(s?.thread_count)} threads
            </Typography>
          </Stat>
        </Grid>
        <Grid size={{ xs: 6, md: 3 }}>
          <Stat label="Uptime" id="uptime" value={duration(s?.uptime_seconds)}>
            <Typography variant="caption" color="text.secondary" data-stat="sim-time">
              sim {simTime(s?.sim_time)} · speed {s?.speed === 'max' ? 'max' : `${s?.speed}×`}
            </Typography>
          </Stat>
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <Paper variant="outlined" sx={{ p: 1.5 }}>
            <Typography variant="subtitle2">Fleet by state</Typography>
            <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', my: 1 }}>
              {Object.entries(f?.by_state ?? {}).map(([k, v]) => (
                <Chip key={k} label={`${k}: ${num(v)}`} data-state={k} />
              ))}
              {Object.keys(f?.by_state ?? {}).length === 0 && <Typography color="text.secondary">No devices yet: spawn some on the Devices page.</Typography>}
            </Box>
            <Typography variant="subtitle2">Fleet by type</Typography>
            <Table size="small">
              <TableHead>
                <TableRow>
                  <TableCell>type</TableCell>
                  <TableCell align="right">devices</TableCell>
                  <TableCell>states</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {(f?.by_type ?? []).map((t) => (
                  <TableRow key={t.device_type} data-type={t.device_type}>
                    <TableCell>{t.device_type}</TableCell>
                    <TableCell align="right">{num(t.total)}</TableCell>
                    <TableCell>
                      {Object.entries(t.by_state ?? {})
                        .map(([k, v]) => `${k} ${num(v)}`)
                        .join(', ')}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Paper>
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <Paper variant="outlined" sx={{ p: 1.5, overflowX: 'auto' }}>
            <Typography variant="subtitle2">Publishing by protocol</Typography>
            <Table size="small">
              <TableHead>
                <TableRow>
                  <TableCell>protocol</TableCell>
                  <TableCell align="right" title="sent ok + errors">published</TableCell>
                  <TableCell align="right" title="sent ok: acknowledged by the broker/endpoint">acknowledged</TableCell>
                  <TableCell align="right">errors</TableCell>
                  <TableCell align="right">dropped</TableCell>
                  <TableCell align="right">queue</TableCell>
                  <TableCell align="right">p99 ms</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {(s?.protocols ?? []).map((p) => (
                  <TableRow key={p.protocol} data-protocol={p.protocol}>
                    <TableCell>{p.protocol}</TableCell>
                    <TableCell align="right">{num((p.sent_ok ?? 0) + (p.sent_error ?? 0))}</TableCell>
                    <TableCell align="right">{num(p.sent_ok)}</TableCell>
                    <TableCell align="right">{num(p.sent_error)}</TableCell>
                    <TableCell align="right">{num(p.dropped)}</TableCell>
                    <TableCell align="right">{num(p.queue_depth)}</TableCell>
                    <TableCell align="right">{p.latency_p99_ms?.toFixed(1)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            {(s?.protocols ?? []).length === 0 && <Typography color="text.secondary">No publisher yet.</Typography>}
            <Typography variant="caption" color="text.secondary">
              telemetry dropped {num(s?.telemetry_dropped_total)} · publish dropped {num(s?.publish_dropped_total)} · device errors {num(s?.device_errors_total)}
            </Typography>
          </Paper>
        </Grid>
        <Grid size={12}>
          <Paper variant="outlined" sx={{ p: 1.5 }}>
            <Typography variant="subtitle2">Members ({num(s?.cluster_members)})</Typography>
            <Table size="small">
              <TableHead>
                <TableRow>
                  <TableCell>address</TableCell>
                  <TableCell>ready</TableCell>
                  <TableCell>run</TableCell>
                  <TableCell>master seed</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                <TableRow data-member={s?.node_address}>
                  <TableCell sx={{ wordBreak: 'break-all' }}>{s?.node_address} (this node)</TableCell>
                  <TableCell>{s?.ready ? 'yes' : 'no'}</TableCell>
                  <TableCell>{s?.run_id}</TableCell>
                  <TableCell>{s?.master_seed}</TableCell>
                </TableRow>
              </TableBody>
            </Table>
          </Paper>
        </Grid>
      </Grid>
    </Box>
  );
}
