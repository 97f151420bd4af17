import { useEffect, useState, type KeyboardEvent } from 'react';
import type { ConversationId, PersonId } from '../../../../shared/domain/ids';
import type { Conversation, Message, Person } from '../../../../shared/domain/model';
import { Button } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { NetworkIcon } from '../../components/NetworkIcon';
import { formatShort } from '../../components/format';
import { safeHref } from '../../components/richText';
import { useStore } from '../../store';
import { ErrorNote } from '../settings/controls';
import { useConversation } from './hooks';
import { MessageCard } from './MessageCard';
import { PersonAvatar } from './PersonAvatar';
import { onRowKeys } from './roving';

/**
 * One person: profile and picture, their 1:1 chats (Unipile `list_chats_by_attendee`, the Genesys
 * 1:1) and all their messages, newest first; Message opens or starts a chat with them.
 */
export function PersonView({ personId, conversationId }: { personId: PersonId; conversationId: ConversationId }) {
  const profile = useStore((s) => s.profile);
  const chats = useStore((s) => s.personConversations);
  const messages = useStore((s) => s.personMessages);
  const loadProfile = useStore((s) => s.loadProfile);
  const loadMore = useStore((s) => s.loadMorePersonMessages);
  const participants = useStore((s) => s.participants);
  const openPanel = useStore((s) => s.openPanel);

  useEffect(() => {
    void loadProfile(personId);
  }, [personId, loadProfile]);

  // The list row is shown at once while the full profile loads.
  const listed = participants?.value?.find((p) => p.id === personId);
  const person: Person | undefined = (profile?.key === personId ? profile.value : undefined) ?? listed;
  const back = () => openPanel({ kind: 'people' });

  return (
    <div
      className="person"
      onKeyDown={(e) => {
        if (e.key === 'Backspace' && e.target === e.currentTarget) back();
        // Esc goes back to the list (the panel closes from there).
        else if (e.key === 'Escape' && !e.defaultPrevented) {
          e.preventDefault();
          e.stopPropagation();
          back();
        }
      }}
    >
      <Button size="sm" variant="ghost" className="person-back" onClick={back} data-autofocus data-testid="person-back">
        ← All people
      </Button>
      {profile?.key === personId && profile.status === 'error' && !person && <ErrorNote error={profile.error} testId="person-error" />}
      {person && <Profile person={person} conversationId={conversationId} />}
      <section className="panel-section" aria-labelledby="person-chats">
        <h3 id="person-chats" className="panel-subhead">
          1:1 chats
        </h3>
        {chats?.key === personId && chats.status === 'loading' && <p className="panel-hint">Loading…</p>}
        {chats?.key === personId && chats.status === 'error' && <ErrorNote error={chats.error} />}
        {chats?.key === personId && chats.status === 'ready' && <ChatList conversations={chats.value} />}
      </section>
      <section className="panel-section" aria-labelledby="person-messages">
        <h3 id="person-messages" className="panel-subhead">
          Messages
        </h3>
        {personId.startsWith('g:') && <p className="panel-hint">Genesys Cloud cannot list one person’s messages across conversations: open your 1:1 with them above.</p>}
        {messages?.key === personId && messages.status === 'loading' && !messages.value && <p className="panel-hint">Loading…</p>}
        {messages?.key === personId && messages.status === 'error' && <ErrorNote error={messages.error} testId="person-messages-error" />}
        {messages?.key === personId && messages.value && (
          <>
            <MessageList messages={messages.value.messages} />
            {messages.value.next && (
              <Button size="sm" onClick={() => void loadMore()} disabled={messages.status === 'loading'} data-testid="person-messages-more">
                Load more
              </Button>
            )}
          </>
        )}
      </section>
    </div>
  );
}

function Profile({ person, conversationId }: { person: Person; conversationId: ConversationId }) {
  const conversation = useConversation(conversationId);
  const openDm = useStore((s) => s.openDm);
  const openOverlay = useStore((s) => s.openOverlay);
  const [error, setError] = useState<{ message: string } | null>(null);
  const href = person.profileUrl ? safeHref(person.profileUrl) : null;

  const message = async () => {
    if (person.source === 'genesys') {
      const res = await openDm(person.id.slice(2));
      setError(res.ok ? null : res.error);
      return;
    }
    // A Unipile chat starts on the account this conversation belongs to, with this attendee.
    openOverlay({
      kind: 'dialog',
      id: 'newChat',
      args: { accountId: conversation?.accountId, attendees: [{ key: person.id, label: person.name, personId: person.id }] },
    });
  };

  return (
    <div className="profile" data-testid="person-profile">
      <PersonAvatar person={person} size={56} />
      <div className="profile-text">
        <h3 className="profile-name">
          {person.name}
          {person.isSelf && <span className="person-tag">you</span>}
        </h3>
        {person.headline && <p className="profile-headline">{person.headline}</p>}
        {person.handle && (
          <p className="profile-handle" title="Their id on the network">
            {person.handle}
          </p>
        )}
        {href && (
          <a className="profile-link" href={href} target="_blank" rel="noreferrer noopener">
            View profile
          </a>
        )}
      </div>
      {!person.isSelf && (
        <div className="profile-actions">
          <Button size="sm" variant="primary" onClick={() => void message()} data-testid="person-message">
            <Icon name="send" size={14} /> {person.source === 'genesys' ? 'Message' : 'Start a chat'}
          </Button>
        </div>
      )}
      <ErrorNote error={error} testId="person-message-error" />
    </div>
  );
}

function ChatList({ conversations }: { conversations: Conversation[] }) {
  const openConversation = useStore((s) => s.openConversation);
  const focusRegion = useStore((s) => s.focusRegion);
  if (conversations.length === 0) return <p className="panel-hint">No 1:1 chat with them yet.</p>;
  const open = (c: Conversation) => {
    openConversation(c.id);
    focusRegion('timeline');
  };
  return (
    <ul className="panel-list panel-list-tight" aria-label="Their 1:1 chats" onKeyDown={onRowKeys} data-testid="person-chats">
      {conversations.map((c, i) => (
        <li key={c.id} className="panel-row chat-row" data-row tabIndex={i === 0 ? 0 : -1} onKeyDown={(e) => enter(e, () => open(c))} onClick={() => open(c)} aria-label={`${c.title}, ${c.network}`}>
          <NetworkIcon network={c.network} size={18} />
          <span className="chat-row-title">{c.title}</span>
          {c.lastActivity && <span className="chat-row-time">{formatShort(c.lastActivity)}</span>}
        </li>
      ))}
    </ul>
  );
}

function MessageList({ messages }: { messages: Message[] }) {
  const openMessage = useStore((s) => s.openMessage);
  const titles = useStore((s) => s.conversations);
  if (messages.length === 0) return <p className="panel-hint">No messages from them.</p>;
  const jump = (m: Message) => openMessage(m);
  return (
    <ul className="panel-list" aria-label="Their messages" onKeyDown={onRowKeys} data-testid="person-messages">
      {messages.map((m, i) => (
        <li key={m.id} className="panel-row panel-row-click" data-row tabIndex={i === 0 ? 0 : -1} onKeyDown={(e) => enter(e, () => jump(m))} onClick={() => jump(m)}>
          <MessageCard message={m} context={titles[m.conversationId]?.title} />
        </li>
      ))}
    </ul>
  );
}

function enter(e: KeyboardEvent<HTMLElement>, run: () => void) {
  if (e.key === 'Enter' && e.target === e.currentTarget) {
    e.preventDefault();
    run();
  }
}
