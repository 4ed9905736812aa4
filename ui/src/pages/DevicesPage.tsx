import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TablePagination from '@mui/material/TablePagination';
import TableRow from '@mui/material/TableRow';
import TableSortLabel from '@mui/material/TableSortLabel';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { calls, type Target } from '../api/client';
import { useFleet } from '../hooks/queries';
import { useDebounced } from '../hooks/useDebounced';
import { ErrorAlert } from '../components/ErrorAlert';
import { SpawnForm } from '../components/SpawnForm';
import { DeviceDrawer } from '../components/DeviceDrawer';
import { formatLabels } from '../components/labels';
import { num } from '../components/format';

type Sort = 'id' | 'type' | 'state';
type State = '' | 'idle' | 'running' | 'paused' | 'stopped' | 'error';

/** The selection as the node's Target: every device when no selector is given. */
const target = (selector: string): Target => (selector.trim() ? { selector: selector.trim() } : { all: true });

export function DevicesPage() {
  const [selector, setSelector] = useState('');
  const [type, setType] = useState('');
  const [state, setState] = useState<State>('');
  const [sort, setSort] = useState<Sort>('id');
  const [order, setOrder] = useState<'asc' | 'desc'>('asc');
  const [page, setPage] = useState(0);
  const [rows, setRows] = useState(25);
  const [open, setOpen] = useState<string | null>(null);
  const sel = useDebounced(selector);
  const typ = useDebounced(type);
  const client = useQueryClient();

  const match = useFleet(sel);
  const table = useQuery({
    queryKey: ['table', sel, typ, state, sort, order, page, rows],
    queryFn: () => calls.table({ selector: sel, type: typ, state: state || undefined, sort, order, offset: page * rows, limit: rows }),
    refetchInterval: 2000,
    placeholderData: keepPreviousData,
    retry: false,
  });
  const action = useMutation({
    mutationFn: async (op: 'stop' | 'pause' | 'resume') => {
      const r = await calls[op](target(sel));
      // the count is the answer's one number; missing_nodes names nodes that did not answer
      const count = Object.values(r).find((v) => typeof v === 'number');
      const missing = (r as { missing_nodes?: string[] }).missing_nodes ?? [];
      const partial = missing.length ? ` (partial: no answer from ${missing.join(', ')})` : '';
      return `${op}: ${count} device(s)${partial}`;
    },
    onSuccess: () => client.invalidateQueries(),
  });

  const sortBy = (col: Sort) => {
    if (sort === col) setOrder(order === 'asc' ? 'desc' : 'asc');
    else (setSort(col), setOrder('asc'));
  };
  const head = (col: Sort, label: string) => (
    <TableCell sortDirection={sort === col ? order : false}>
      <TableSortLabel active={sort === col} direction={sort === col ? order : 'asc'} onClick={() => sortBy(col)} data-testid={`sort-${col}`}>
        {label}
      </TableSortLabel>
    </TableCell>
  );

  return (
    <Box sx={{ display: 'grid', gap: 1.5, gridTemplateColumns: 'minmax(0, 1fr)' }}>
      <SpawnForm />
      <Paper variant="outlined" sx={{ p: 1.5 }}>
        <Typography variant="subtitle2" gutterBottom>
          Selection
        </Typography>
        <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'center' }}>
          <TextField
            size="small"
            label="selector (e.g. site=berlin, device_type=smart_lock)"
            value={selector}
            onChange={(e) => (setSelector(e.target.value), setPage(0))}
            sx={{ flex: 1, minWidth: 240 }}
            slotProps={{ htmlInput: { 'data-testid': 'selector' } }}
          />
          <Typography data-testid="match-count" sx={{ minWidth: 120 }}>
            {match.isError ? '–' : `${num(match.data?.total_devices)} match`}
          </Typography>
          <Button variant="outlined" color="error" onClick={() => action.mutate('stop')} disabled={action.isPending || match.isError} data-testid="stop-selection">
            Stop
          </Button>
          <Button variant="outlined" onClick={() => action.mutate('pause')} disabled={action.isPending || match.isError} data-testid="pause-selection">
            Pause
          </Button>
          <Button variant="outlined" onClick={() => action.mutate('resume')} disabled={action.isPending || match.isError} data-testid="resume-selection">
            Resume
          </Button>
        </Box>
        <ErrorAlert error={match.error ?? action.error} />
        {action.data && (
          <Alert severity="info" sx={{ mt: 1 }} data-testid="action-result">
            {action.data}
          </Alert>
        )}
      </Paper>
      <Paper variant="outlined">
        <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', p: 1.5, pb: 0 }}>
          <TextField size="small" label="type" value={type} onChange={(e) => (setType(e.target.value), setPage(0))} slotProps={{ htmlInput: { 'data-testid': 'filter-type' } }} />
          <TextField select size="small" label="state" value={state} onChange={(e) => (setState(e.target.value as State), setPage(0))} sx={{ minWidth: 130 }}>
            {['', 'idle', 'running', 'paused', 'stopped', 'error'].map((s) => (
              <MenuItem key={s} value={s}>
                {s || 'any'}
              </MenuItem>
            ))}
          </TextField>
        </Box>
        {table.isFetching && <LinearProgress sx={{ mt: 1, height: 2 }} />}
        <ErrorAlert error={table.error} />
        {!!table.data?.missing_nodes?.length && (
          <Alert severity="warning" data-testid="table-partial">
            Partial: no answer from {table.data.missing_nodes.join(', ')}; their devices are not listed or counted.
          </Alert>
        )}
        <TableContainer sx={{ maxHeight: 600 }}>
          <Table size="small" stickyHeader data-testid="device-table">
            <TableHead>
              <TableRow>
                {head('id', 'id')}
                {head('type', 'type')}
                {head('state', 'state')}
                <TableCell>labels</TableCell>
                <TableCell>node</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {(table.data?.devices ?? []).map((d) => (
                <TableRow key={d.device_id} hover onClick={() => setOpen(d.device_id)} sx={{ cursor: 'pointer' }} data-device={d.device_id}>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{d.device_id}</TableCell>
                  <TableCell>{d.device_type}</TableCell>
                  <TableCell>{d.state}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatLabels(d.labels)}</TableCell>
                  <TableCell sx={{ fontSize: 12, whiteSpace: 'nowrap' }}>{d.node}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
        {table.isPending && <LinearProgress aria-label="loading" />}
        {table.data && table.data.total === 0 && (
          <Typography color="text.secondary" sx={{ p: 2 }} data-testid="empty">
            No devices match.
          </Typography>
        )}
        <TablePagination
          component="div"
          count={table.data?.total ?? 0}
          page={table.data && page * rows >= table.data.total && page > 0 ? 0 : page}
          onPageChange={(_, p) => setPage(p)}
          rowsPerPage={rows}
          onRowsPerPageChange={(e) => (setRows(Number(e.target.value)), setPage(0))}
          rowsPerPageOptions={[10, 25, 50, 100]}
          data-testid="pagination"
          sx={{ overflowX: "auto" }}
        />
      </Paper>
      <DeviceDrawer id={open} onClose={() => setOpen(null)} />
    </Box>
  );
}
