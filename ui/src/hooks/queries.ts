import { useQuery } from '@tanstack/react-query';
import { calls } from '../api/client';

/** Runtime status, refreshed every second. */
export const useRuntimeStatus = () => useQuery({ queryKey: ['status'], queryFn: calls.status, refetchInterval: 1000 });

/** Fleet counts (optionally of a selection), refreshed every 2 s. */
export const useFleet = (selector?: string) =>
  useQuery({ queryKey: ['fleet', selector ?? ''], queryFn: () => calls.fleet(selector), refetchInterval: 2000, retry: false });

export const useProfiles = () => useQuery({ queryKey: ['profiles'], queryFn: calls.profiles, staleTime: 60_000 });

export const useProfile = (name: string | undefined) =>
  useQuery({ queryKey: ['profile', name], queryFn: () => calls.profile(name!), enabled: !!name, staleTime: 60_000 });

export const useScenarioJobs = () => useQuery({ queryKey: ['scenarios'], queryFn: calls.scenarios, refetchInterval: 1000 });

export const useActiveFaults = () => useQuery({ queryKey: ['faults'], queryFn: calls.activeFaults, refetchInterval: 1000 });
