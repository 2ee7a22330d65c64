import { useCallback, useEffect, useState } from 'react'

/** The current path and query, following pushState navigation and the back button. */
export function useLocation(): { path: string; query: URLSearchParams; navigate: (to: string) => void } {
  const [href, setHref] = useState(() => window.location.pathname + window.location.search)
  useEffect(() => {
    const onPop = () => setHref(window.location.pathname + window.location.search)
    window.addEventListener('popstate', onPop)
    window.addEventListener('paiban:navigate', onPop)
    return () => {
      window.removeEventListener('popstate', onPop)
      window.removeEventListener('paiban:navigate', onPop)
    }
  }, [])
  const navigate = useCallback((to: string) => navigateTo(to), [])
  const url = new URL(href, window.location.origin)
  return { path: url.pathname, query: url.searchParams, navigate }
}

/** Navigates inside the app without a page load. */
export function navigateTo(to: string, replace = false): void {
  if (replace) window.history.replaceState(null, '', to)
  else window.history.pushState(null, '', to)
  window.dispatchEvent(new Event('paiban:navigate'))
}

/** A link that navigates inside the app (a real `<a href>`, so it opens in a new tab too). */
export function Link({
  to,
  children,
  current,
  className,
}: {
  to: string
  children: React.ReactNode
  current?: boolean
  className?: string
}) {
  return (
    <a
      href={to}
      className={className}
      aria-current={current ? 'page' : undefined}
      onClick={event => {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
        event.preventDefault()
        navigateTo(to)
      }}
    >
      {children}
    </a>
  )
}
