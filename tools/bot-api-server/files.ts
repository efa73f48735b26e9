import type { Message } from 'grammy/types';

/** A file a user uploaded (served by getFile and /file/bot<token>/<path>) or the bot sent with sendDocument. */
export interface FakeFile {
  file_id: string;
  file_unique_id: string;
  file_path: string;
  file_name: string;
  content: Buffer;
}

/** A photo the bot uploaded: its bytes, pixel size (read from the PNG header) and caption. */
export interface SentPhoto {
  chat_id: number;
  message_id: number;
  content: Buffer;
  width: number;
  height: number;
  caption?: string;
  parse_mode?: string;
}

export interface SentDocument {
  chat_id: number;
  message_id: number;
  file_name: string;
  content: Buffer;
  caption?: string;
  message: Message;
}

/** Uploaded files and sent documents of the fake, kept apart from text messages. */
export class FileStore {
  private readonly byId = new Map<string, FakeFile>();
  private readonly byPath = new Map<string, FakeFile>();
  private readonly docs: SentDocument[] = [];
  private next = 1;

  add(fileName: string, content: Buffer): FakeFile {
    const n = this.next++;
    const file: FakeFile = {
      file_id: `file-${n}`,
      file_unique_id: `u${n}`,
      file_path: `documents/file_${n}_${fileName.replace(/[^\w.-]/g, '_')}`,
      file_name: fileName,
      content,
    };
    this.byId.set(file.file_id, file);
    this.byPath.set(file.file_path, file);
    return file;
  }

  get(fileId: string): FakeFile | undefined {
    return this.byId.get(fileId);
  }

  atPath(path: string): FakeFile | undefined {
    return this.byPath.get(path);
  }

  private readonly sentPhotos: SentPhoto[] = [];

  recordPhoto(photo: SentPhoto): void {
    this.sentPhotos.push(photo);
  }

  photos(chatId?: number): readonly SentPhoto[] {
    return chatId === undefined ? this.sentPhotos : this.sentPhotos.filter((p) => p.chat_id === chatId);
  }

  recordDocument(doc: SentDocument): void {
    this.docs.push(doc);
  }

  documents(chatId?: number): readonly SentDocument[] {
    return chatId === undefined ? this.docs : this.docs.filter((doc) => doc.chat_id === chatId);
  }
}
