// A minimal SMTP dialog for the daemon tests: sends each line after the previous reply is complete
// and returns the replies. Every step has a timeout; a dropped connection ends the dialog.
import { connect } from 'node:net';

export function smtpDialog(port: number, lines: readonly string[], timeoutMs = 5000): Promise<string[]> {
  return new Promise((resolve) => {
    const replies: string[] = [];
    const socket = connect({ host: '127.0.0.1', port });
    let buffer = '';
    let next = 0;
    const done = () => {
      socket.destroy();
      resolve(replies);
    };
    socket.setTimeout(timeoutMs, done);
    socket.on('error', done);
    socket.on('close', done);
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      // A reply is complete at a line "NNN text" (a space after the code, not a dash).
      for (let m = /^(\d{3}) .*\r?\n/m.exec(buffer); m; m = /^(\d{3}) .*\r?\n/m.exec(buffer)) {
        const end = m.index + m[0].length;
        replies.push(buffer.slice(0, end).trimEnd());
        buffer = buffer.slice(end);
        if (next >= lines.length) return done();
        socket.write(`${lines[next++]}\r\n`);
      }
    });
  });
}

export const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
