import { lazy } from 'react'
import { Navigate, type RouteObject } from 'react-router'
import { AppLayout, NotFound, RoleGate } from './Layout'
import { homeFor, useMe } from './session'
import { LoginPage } from '../login/LoginPage'

// Every page but sign-in is its own chunk, so the first load carries only the frame and the page opened.
const AccountPage = lazy(() => import('../account/AccountPage'))
const InboxPage = lazy(() => import('../inbox/InboxPage'))
const TaskPage = lazy(() => import('../inbox/TaskPage'))
const RunsPage = lazy(() => import('../runs/RunsPage'))
const NewRunPage = lazy(() => import('../runs/NewRunPage'))
const RunPage = lazy(() => import('../runs/RunPage'))
const BatchesPage = lazy(() => import('../batches/BatchesPage'))
const BatchPage = lazy(() => import('../batches/BatchPage'))
const MetricsPage = lazy(() => import('../metrics/MetricsPage'))
const AdminPage = lazy(() => import('../admin/AdminPage'))

function Home() {
  const me = useMe()
  return me.data ? <Navigate to={homeFor(me.data.role)} replace /> : null
}

export const routes: RouteObject[] = [
  { path: '/login', element: <LoginPage /> },
  {
    element: <AppLayout />,
    children: [
      { index: true, element: <Home /> },
      { path: 'account', element: <AccountPage /> },
      { path: 'inbox', element: <RoleGate area="inbox"><InboxPage /></RoleGate> },
      { path: 'inbox/:id', element: <RoleGate area="inbox"><TaskPage /></RoleGate> },
      { path: 'runs', element: <RoleGate area="runs"><RunsPage /></RoleGate> },
      { path: 'runs/new', element: <RoleGate area="newRun"><NewRunPage /></RoleGate> },
      { path: 'runs/:id', element: <RoleGate area="runs"><RunPage /></RoleGate> },
      { path: 'batches', element: <RoleGate area="batches"><BatchesPage /></RoleGate> },
      { path: 'batches/:id', element: <RoleGate area="batches"><BatchPage /></RoleGate> },
      { path: 'metrics', element: <RoleGate area="metrics"><MetricsPage /></RoleGate> },
      { path: 'admin', element: <RoleGate area="admin"><AdminPage /></RoleGate> },
      { path: '*', element: <NotFound /> },
    ],
  },
]
