import { navigate } from './router.ts';

/** The way out of an error page: back to the start page, without a reload. */
export function HomeLink() {
  return (
    <a
      className="button button--primary"
      href="/"
      data-testid="go-home"
      onClick={(e) => {
        e.preventDefault();
        navigate('/');
      }}
    >
      Go to the start page
    </a>
  );
}
