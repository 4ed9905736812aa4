import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import Drawer from '@mui/material/Drawer';
import IconButton from '@mui/material/IconButton';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { calls, query } from '../api/client';
import { useStream } from '../hooks/useStream';
import { ErrorAlert } from './ErrorAlert';
import { formatLabels } from './labels';
import { numericFields, seriesOf, type Reading } from './numericSeries';
import { TimeChart } from './TimeChart';
import { simTime } from './format';

/** One device: its detail and spec, its live readings and a chart per numeric field. */
export function DeviceDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  return (
    <Drawer anchor="right" open={!!id} onClose={onClose} slotProps={{ paper: { sx: { width: { xs: '100%', sm: 560 } } } }}>
      {id && <DeviceBody id={id} onClose={onClose} />}
    </Drawer>
  );
}

function DeviceBody({ id, onClose }: { id: string; onClose: () => void }) {
  const detail = useQuery({ queryKey: ['device', id], queryFn: () => calls.device(id), refetchInterval: 2000 });
  const stream = useStream<Reading>(`/api/v1/devices/stream${query({ ids: id, format: 'reading' })}`, 200, 500);
  const d = detail.data;
  const fields = numericFields(stream.items);
  return (
    <Box sx={{ p: 2 }} data-testid="device-drawer">
      <Box sx={{ display: 'flex', alignItems: 'center' }}>
        <Typography variant="h6" sx={{ flex: 1, wordBreak: 'break-all' }}>
          {id}
        </Typography>
        <IconButton aria-label="close" onClick={onClose}>
          ×
        </IconButton>
      </Box>
      <ErrorAlert error={detail.error ?? stream.error} />
      {detail.isPending ? (
        <CircularProgress aria-label="loading" />
      ) : (
        d && (
          <Table size="small">
            <TableBody>
              <TableRow>
                <TableCell>type</TableCell>
                <TableCell>{d.device_type}</TableCell>
              </TableRow>
              <TableRow>
                <TableCell>state</TableCell>
                <TableCell>{d.state}</TableCell>
              </TableRow>
              <TableRow>
                <TableCell>labels</TableCell>
                <TableCell>{formatLabels(d.labels)}</TableCell>
              </TableRow>
              <TableRow>
                <TableCell>readings</TableCell>
                <TableCell>{d.readings_total}</TableCell>
              </TableRow>
              <TableRow>
                <TableCell>interval</TableCell>
                <TableCell>{(d.telemetry_interval_ms ?? 0) / 1000} s</TableCell>
              </TableRow>
              <TableRow>
                <TableCell>next reading</TableCell>
                <TableCell>{simTime(d.next_reading_at ?? undefined)}</TableCell>
              </TableRow>
            </TableBody>
          </Table>
        )
      )}
      <Typography variant="subtitle2" sx={{ mt: 2 }}>
        Live readings ({stream.connected ? 'connected' : 'connecting…'})
      </Typography>
      {fields.map((f) => (
        <TimeChart key={f} title={f} series={seriesOf(stream.items, f, 1)} height={140} />
      ))}
      <Table size="small" data-testid="device-readings">
        <TableBody>
          {stream.items
            .slice(-10)
            .reverse()
            .map((r) => (
              <TableRow key={r.sequence}>
                <TableCell>{simTime(r.timestamp)}</TableCell>
                <TableCell sx={{ fontFamily: 'monospace', fontSize: 12 }}>{JSON.stringify(r.fields)}</TableCell>
              </TableRow>
            ))}
        </TableBody>
      </Table>
      {stream.items.length === 0 && <Typography color="text.secondary">Waiting for the next reading…</Typography>}
      <Typography variant="subtitle2" sx={{ mt: 2 }}>
        Spec
      </Typography>
      <Box component="pre" sx={{ fontSize: 12, overflow: 'auto', maxHeight: 300, bgcolor: 'action.hover', p: 1 }}>
        {JSON.stringify(d?.spec, null, 2)}
      </Box>
    </Box>
  );
}
