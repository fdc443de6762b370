// Headers as a two-column table, names and values shown as text (control and bidi characters made visible).
import { headerText } from '../format';

export function HeaderTable({ headers }: { headers: [string, string][] }) {
  return (
    <table class="kv">
      <tbody>
        {headers.map(([name, value], i) => (
          <tr key={i}>
            <th scope="row">{headerText(name)}</th>
            <td>{headerText(value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
