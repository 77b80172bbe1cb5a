import { createReferkitClient, ReferkitProvider } from '@referkit/react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { lazyPart } from './lazy-part';

const wrapper = ({ children }: { children: ReactNode }) => (
  <ReferkitProvider client={createReferkitClient({ baseUrl: 'http://localhost/api' })}>
    {children}
  </ReferkitProvider>
);

function Greeting({ name }: { name: string }) {
  return <p>Hello {name}</p>;
}

describe('lazyPart', () => {
  it('shows "Loading…" while the part loads, then the part with its props', async () => {
    let resolve: (part: typeof Greeting) => void = () => {};
    const Part = lazyPart(() => new Promise<typeof Greeting>((r) => (resolve = r)));
    render(<Part name="Ada" />, { wrapper });
    expect(screen.getByRole('status')).toHaveTextContent('Loading…');
    resolve(Greeting);
    expect(await screen.findByText('Hello Ada')).toBeInTheDocument();
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });

  it('says why a part failed to load instead of throwing to the page, and loads it again on "Try again"', async () => {
    const load = vi
      .fn<() => Promise<typeof Greeting>>()
      .mockRejectedValueOnce(new Error('Failed to fetch dynamically imported module'))
      .mockResolvedValue(Greeting);
    const Part = lazyPart(load);
    // React logs the caught error; the boundary, not the page, handles it.
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    render(<Part name="Grace" />, { wrapper });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      "Couldn't load this part: Failed to fetch dynamically imported module",
    );
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Hello Grace')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(load).toHaveBeenCalledTimes(2);
    consoleError.mockRestore();
  });

  it('shows nothing while a part with fallback null loads', async () => {
    let resolve: (part: typeof Greeting) => void = () => {};
    const Part = lazyPart(() => new Promise<typeof Greeting>((r) => (resolve = r)), {
      fallback: null,
    });
    const { container } = render(<Part name="Lin" />, { wrapper });
    expect(container).toBeEmptyDOMElement();
    resolve(Greeting);
    expect(await screen.findByText('Hello Lin')).toBeInTheDocument();
  });
});
