import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import { Link, Route, Routes, useLocation } from 'react-router-dom';
import { DashboardPage } from './pages/DashboardPage';
import { DevicesPage } from './pages/DevicesPage';
import { TelemetryPage } from './pages/TelemetryPage';
import { ScenariosPage } from './pages/ScenariosPage';
import { FaultsPage } from './pages/FaultsPage';
import { TokenDialog } from './components/TokenDialog';

const PAGES = [
  { path: '/', label: 'Dashboard' },
  { path: '/devices', label: 'Devices' },
  { path: '/telemetry', label: 'Telemetry' },
  { path: '/scenarios', label: 'Scenarios' },
  { path: '/faults', label: 'Faults' },
];

export function App() {
  const { pathname } = useLocation();
  const current = PAGES.find((p) => p.path !== '/' && pathname.startsWith(p.path))?.path ?? (pathname === '/' ? '/' : false);
  return (
    <Box sx={{ minHeight: '100vh' }}>
      <TokenDialog />
      <AppBar position="sticky" color="default" elevation={1}>
        <Toolbar variant="dense" sx={{ gap: 2, flexWrap: 'wrap' }}>
          <Typography variant="h6" component="span" sx={{ fontWeight: 700 }}>
            iot-sim
          </Typography>
          <Tabs value={current} variant="scrollable" scrollButtons="auto" allowScrollButtonsMobile sx={{ minHeight: 40, flex: 1 }}>
            {PAGES.map((p) => (
              <Tab key={p.path} value={p.path} label={p.label} component={Link} to={p.path} sx={{ minHeight: 40 }} />
            ))}
          </Tabs>
        </Toolbar>
      </AppBar>
      <Box component="main" sx={{ p: { xs: 1, sm: 2 }, maxWidth: 1600, mx: 'auto' }}>
        <Routes>
          <Route path="/" element={<DashboardPage />} />
          <Route path="/devices" element={<DevicesPage />} />
          <Route path="/telemetry" element={<TelemetryPage />} />
          <Route path="/scenarios" element={<ScenariosPage />} />
          <Route path="/faults" element={<FaultsPage />} />
          <Route path="*" element={<Typography sx={{ p: 2 }}>No such page.</Typography>} />
        </Routes>
      </Box>
    </Box>
  );
}
