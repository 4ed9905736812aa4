import { useEffect, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Grid from '@mui/material/Grid';
import LinearProgress from '@mui/material/LinearProgress';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { calls } from '../api/client';
import { useScenarioJobs } from '../hooks/queries';
import { useDebounced } from '../hooks/useDebounced';
import { ErrorAlert } from '../components/ErrorAlert';
import { YamlEditor } from '../components/YamlEditor';
import { simTime } from '../components/format';

const SPEEDS = ['1', '10', '100', '1000', 'max'];

export function ScenariosPage() {
  const files = useQuery({ queryKey: ['scenario-files'], queryFn: calls.scenarioFiles, staleTime: 60_000 });
  const jobs = useScenarioJobs();
  const client = useQueryClient();
  const [name, setName] = useState('');
  const [source, setSource] = useState('');
  const [speed, setSpeed] = useState('10');
  const checked = useDebounced(source, 400);
  const validation = useQuery({ queryKey: ['validate', checked], queryFn: () => calls.validate(checked), enabled: checked.trim().length > 0, retry: false });

  useEffect(() => {
    if (!source && files.data?.length) {
      setName(files.data[0].name);
      setSource(files.data[0].source);
    }
  }, [files.data, source]);

  const run = useMutation({
    mutationFn: async () => {
      await calls.setSpeed(speed);
      return calls.submit(source, name || undefined);
    },
    onSuccess: () => client.invalidateQueries({ queryKey: ['scenarios'] }),
  });
  const cancel = useMutation({ mutationFn: calls.cancel, onSuccess: () => client.invalidateQueries({ queryKey: ['scenarios'] }) });
  const v = validation.data;
  const current = checked === source;

  return (
    <Grid container spacing={1.5}>
      <Grid size={{ xs: 12, md: 3 }}>
        <Paper variant="outlined">
          <Typography variant="subtitle2" sx={{ p: 1.5, pb: 0 }}>
            Shipped scenarios
          </Typography>
          {files.isPending && <LinearProgress aria-label="loading" />}
          <ErrorAlert error={files.error} />
          <List dense>
            {(files.data ?? []).map((f) => (
              <ListItemButton key={f.file} selected={f.name === name} onClick={() => (setName(f.name), setSource(f.source))} data-scenario={f.name}>
                <ListItemText primary={f.name} secondary={f.file} />
              </ListItemButton>
            ))}
          </List>
          {files.data?.length === 0 && <Typography sx={{ p: 1.5 }}>No scenario files next to the profiles directory.</Typography>}
        </Paper>
      </Grid>
      <Grid size={{ xs: 12, md: 9 }}>
        <Paper variant="outlined" sx={{ p: 1.5 }}>
          <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'center', mb: 1 }}>
            <TextField size="small" label="name" value={name} onChange={(e) => setName(e.target.value)} />
            <TextField select size="small" label="speed" value={speed} onChange={(e) => setSpeed(e.target.value)} sx={{ width: 110 }} slotProps={{ htmlInput: { 'data-testid': 'speed' } }}>
              {SPEEDS.map((s) => (
                <MenuItem key={s} value={s}>
                  {s === 'max' ? 'max' : `${s}×`}
                </MenuItem>
              ))}
            </TextField>
            <Button variant="contained" onClick={() => run.mutate()} disabled={!source.trim() || run.isPending || (current && v?.valid === false)} data-testid="run">
              Run
            </Button>
            <Typography variant="body2" color={v?.valid === false ? 'error' : 'text.secondary'} data-testid="validation">
              {!source.trim() ? '' : !current || validation.isFetching ? 'checking…' : v?.valid ? `valid: ${v.name}, ${v.steps_total} steps, ${v.planned_seconds} s planned` : v ? `${v.problems.length} problem(s)` : ''}
            </Typography>
          </Box>
          <YamlEditor value={source} onChange={setSource} problems={current ? (v?.problems ?? []) : []} />
          {current && v && !v.valid && (
            <Alert severity="error" sx={{ mt: 1 }} data-testid="problems">
              {v.problems.map((p, i) => (
                <div key={i}>{p.line ? `line ${p.line}: ${p.message}` : p.message}</div>
              ))}
            </Alert>
          )}
          <ErrorAlert error={validation.error ?? run.error ?? cancel.error} />
        </Paper>
      </Grid>
      <Grid size={12}>
        <Paper variant="outlined" sx={{ p: 1.5, overflowX: 'auto' }}>
          <Typography variant="subtitle2">Jobs of this node</Typography>
          <ErrorAlert error={jobs.error} />
          <Table size="small" data-testid="jobs">
            <TableHead>
              <TableRow>
                <TableCell>scenario</TableCell>
                <TableCell>state</TableCell>
                <TableCell sx={{ minWidth: 160 }}>progress</TableCell>
                <TableCell>current step</TableCell>
                <TableCell>sim time</TableCell>
                <TableCell>submitted</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {[...(jobs.data ?? [])].reverse().map((j) => (
                <TableRow key={j.scenario_id} data-job={j.scenario_id} data-state={j.state}>
                  <TableCell>
                    {j.name}
                    <Typography variant="caption" sx={{ display: "block" }} color="text.secondary">
                      {j.scenario_id}
                    </Typography>
                  </TableCell>
                  <TableCell data-testid="job-state">{j.state}</TableCell>
                  <TableCell>
                    <LinearProgress variant="determinate" value={j.steps_total ? (100 * (j.steps_done ?? 0)) / j.steps_total : 0} color={j.state === 'failed' ? 'error' : 'primary'} />
                    <Typography variant="caption" data-testid="job-steps">
                      {j.steps_done}/{j.steps_total} steps
                    </Typography>
                  </TableCell>
                  <TableCell>{j.failure_reason ?? j.current_step}</TableCell>
                  <TableCell>{simTime(j.sim_time)}</TableCell>
                  <TableCell>{simTime(j.submitted_at)}</TableCell>
                  <TableCell>
                    {(j.state === 'running' || j.state === 'pending') && (
                      <Button size="small" color="error" onClick={() => cancel.mutate(j.scenario_id!)}>
                        Cancel
                      </Button>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {jobs.data?.length === 0 && <Typography color="text.secondary">No jobs yet.</Typography>}
        </Paper>
      </Grid>
    </Grid>
  );
}
