import { memo, useEffect, useMemo, useRef, useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { query } from '../api/client';
import { useStream } from '../hooks/useStream';
import { ErrorAlert } from '../components/ErrorAlert';
import { TimeChart, type Series } from '../components/TimeChart';
import type { Reading } from '../components/numericSeries';
import { num, simTime } from '../components/format';

const MAX_ROWS = 500;
const MAX_DEVICES = 10;
const POINTS = 300;

/** The last POINTS values of `field` for the first MAX_DEVICES devices seen, fed batch by batch. */
class ChartBuffer {
  private readonly series = new Map<string, [number, number | null][]>();
  readonly fields: Set<string>;
  constructor(
    readonly field: string,
    known: Iterable<string> = [],
  ) {
    this.fields = new Set(known);
  }
  add(batch: Reading[]) {
    for (const r of batch) {
      for (const [k, v] of Object.entries(r.fields)) if (typeof v === 'number') this.fields.add(k);
      let pts = this.series.get(r.device_id);
      if (!pts) {
        if (this.series.size >= MAX_DEVICES) continue;
        pts = [];
        this.series.set(r.device_id, pts);
      }
      const v = r.fields[this.field];
      pts.push([Date.parse(r.timestamp) / 1000, typeof v === 'number' ? v : null]);
      if (pts.length > POINTS) pts.splice(0, pts.length - POINTS);
    }
  }
  snapshot(): Series[] {
    // readings of one device arrive in time order: no sort needed
    return [...this.series.entries()].map(([label, points]) => ({ label, points: points.slice() }));
  }
}

/** One reading; memoised, so a flush renders only the rows that are new. */
const Row = memo(function Row({ r }: { r: Reading }) {
  return (
    <tr>
      <td>{simTime(r.timestamp)}</td>
      <td>{r.device_id}</td>
      <td className="fields">{Object.entries(r.fields).map(([k, v]) => `${k}=${typeof v === 'number' ? v : JSON.stringify(v)}`).join('  ')}</td>
    </tr>
  );
});

export function TelemetryPage() {
  const [type, setType] = useState('');
  const [ids, setIds] = useState('');
  const [selector, setSelector] = useState('');
  const [maxRate, setMaxRate] = useState('200');
  const [url, setUrl] = useState<string | null>(null);
  const [autoScroll, setAutoScroll] = useState(true);
  const [field, setField] = useState('');
  const chart = useRef(new ChartBuffer(''));
  const [series, setSeries] = useState<Series[]>([]);
  const [fields, setFields] = useState<string[]>([]);

  const connect = () => {
    chart.current = new ChartBuffer(field);
    setSeries([]);
    setUrl(
      `/api/v1/devices/stream${query({ device_type: type.trim(), ids: ids.replace(/\s+/g, ''), selector: selector.trim(), format: 'reading', max_rate: maxRate === 'all' ? undefined : maxRate })}`,
    );
  };
  const stream = useStream<Reading>(url, MAX_ROWS, 250, (batch) => chart.current.add(batch));

  // The chart follows the stream at the stream's pace (one snapshot per flush).
  useEffect(() => {
    let c = chart.current;
    if (!c.field && c.fields.size) {
      // no field chosen yet: the first numeric one
      c = chart.current = new ChartBuffer([...c.fields][0], c.fields);
      setField(c.field);
    }
    setSeries(c.snapshot());
    if (c.fields.size !== fields.length) setFields([...c.fields]);
  }, [stream.items, fields.length]);

  const pickField = (f: string) => {
    setField(f);
    chart.current = new ChartBuffer(f, chart.current.fields);
    setSeries([]);
  };

  const scroller = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (autoScroll && scroller.current) scroller.current.scrollTop = scroller.current.scrollHeight;
  }, [stream.items, autoScroll]);

  const rows = useMemo(() => stream.items.map((r) => <Row key={`${r.device_id}/${r.sequence}`} r={r} />), [stream.items]);

  return (
    <Box sx={{ display: 'grid', gap: 1.5, gridTemplateColumns: 'minmax(0, 1fr)' }}>
      <Paper variant="outlined" sx={{ p: 1.5 }}>
        <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'center' }}>
          <TextField size="small" label="type" value={type} onChange={(e) => setType(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'stream-type' } }} />
          <TextField size="small" label="ids (comma-separated)" value={ids} onChange={(e) => setIds(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'stream-ids' } }} />
          <TextField size="small" label="selector" value={selector} onChange={(e) => setSelector(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'stream-selector' } }} />
          <TextField select size="small" label="max readings/s" value={maxRate} onChange={(e) => setMaxRate(e.target.value)} sx={{ width: 150 }} slotProps={{ htmlInput: { 'data-testid': 'max-rate' } }}>
            {['50', '200', '1000', '5000', 'all'].map((r) => (
              <MenuItem key={r} value={r}>
                {r}
              </MenuItem>
            ))}
          </TextField>
          {url ? (
            <Button variant="outlined" onClick={() => setUrl(null)} data-testid="disconnect">
              Disconnect
            </Button>
          ) : (
            <Button variant="contained" onClick={connect} data-testid="connect">
              Connect
            </Button>
          )}
          <FormControlLabel control={<Switch checked={autoScroll} onChange={(e) => setAutoScroll(e.target.checked)} />} label="auto-scroll" />
        </Box>
        <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', mt: 1 }}>
          <Chip size="small" color={stream.connected ? 'success' : 'default'} label={url ? (stream.connected ? 'connected' : 'connecting…') : 'disconnected'} data-testid="stream-state" />
          <Chip size="small" label={`received ${num(stream.received)}`} data-testid="received" />
          <Chip size="small" color={stream.dropped ? 'warning' : 'default'} label={`dropped by the node ${num(stream.dropped)}`} data-testid="dropped" />
          <Chip size="small" color={stream.skipped ? 'info' : 'default'} label={`skipped by max_rate ${num(stream.skipped)}`} data-testid="skipped" />
        </Box>
        <ErrorAlert error={stream.error} />
      </Paper>
      <Paper variant="outlined" sx={{ p: 1.5 }}>
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', mb: 1 }}>
          <Typography variant="subtitle2">Chart (first {MAX_DEVICES} devices)</Typography>
          <TextField select size="small" label="field" value={fields.includes(field) ? field : ''} onChange={(e) => pickField(e.target.value)} sx={{ minWidth: 160 }}>
            {fields.map((f) => (
              <MenuItem key={f} value={f}>
                {f}
              </MenuItem>
            ))}
          </TextField>
        </Box>
        {series.length ? <TimeChart series={series} height={240} /> : <Typography color="text.secondary">Connect to see a live chart.</Typography>}
      </Paper>
      <Paper variant="outlined" sx={{ p: 1 }}>
        <Box
          ref={scroller}
          sx={{
            maxHeight: 420,
            overflow: 'auto',
            fontFamily: 'monospace',
            fontSize: 12,
            '& table': { borderCollapse: 'collapse', width: '100%' },
            '& td': { borderBottom: 1, borderColor: 'divider', px: 1, py: 0.25, whiteSpace: 'nowrap' },
            '& td.fields': { whiteSpace: 'normal', width: '100%' },
          }}
        >
          <table data-testid="telemetry-rows">
            <tbody>{rows}</tbody>
          </table>
          {stream.items.length === 0 && <Typography color="text.secondary">{url ? 'Waiting for readings…' : 'No stream: pick filters and connect.'}</Typography>}
        </Box>
      </Paper>
    </Box>
  );
}
